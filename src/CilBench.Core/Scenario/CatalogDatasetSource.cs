using System.Security.Cryptography;
using CilBench.Abstractions;
using CilBench.Core.Data;
using CilBench.Core.Protocols;
using CilBench.Torch;

namespace CilBench.Core.Scenario;

/// <summary>The run's dataset source: the readers of a <see cref="DatasetCatalog"/>, with file hashes for provenance.</summary>
public sealed class CatalogDatasetSource(DatasetCatalog catalog) : IDatasetSource
{
    // Shapes, split sizes and coarse classes of the built-in datasets, so protocols validate without reading the files.
    private static readonly Dictionary<string, (InputShape Shape, int TrainPerClass, int TestPerClass, IReadOnlyList<int>? CoarseOfFine)> Known =
        new(StringComparer.OrdinalIgnoreCase)
        {
            ["fmnist"] = (new InputShape(1, 28, 28), 6000, 1000, null),
            ["mnist"] = (new InputShape(1, 28, 28), 6000, 1000, null),
            ["cifar10"] = (new InputShape(3, 32, 32), 5000, 1000, null),
            ["cifar100"] = (new InputShape(3, 32, 32), 500, 100, CifarReader.Cifar100CoarseOfFine),
        };

    public IEnumerable<string> Names => catalog.Names;

    public DatasetInfo? Find(string name)
    {
        if (!catalog.Names.Contains(name, StringComparer.OrdinalIgnoreCase)) return null;
        var reader = catalog.Get(name);
        if (!Known.TryGetValue(reader.Name, out var k))
            throw new InvalidOperationException($"dataset '{name}' has no known shape; add it to {nameof(CatalogDatasetSource)}");
        return new DatasetInfo(reader.Name, reader.ClassCount, k.Shape, k.TrainPerClass, k.TestPerClass, k.CoarseOfFine);
    }

    public LoadedDataset Load(DatasetSpec spec)
    {
        var info = Find(spec.Name) ?? throw new ArgumentException($"unknown dataset '{spec.Name}'");
        var splits = catalog.Load(new DatasetSource(spec.Name, spec.Path));
        var (train, test) = (splits.Train, splits.Test);
        var shape = new InputShape(train.Channels, train.Height, train.Width);
        if (shape != info.Shape)
        {
            splits.Dispose();
            throw new DatasetFormatException(train.SourceFiles[0], $"images are {shape}, expected {info.Shape} for dataset '{spec.Name}'");
        }
        return new LoadedDataset
        {
            Info = info,
            TrainImages = train.Images,
            TrainLabels = Ints(train.Labels)!,
            TestImages = test.Images,
            TestLabels = Ints(test.Labels)!,
            TrainCoarseLabels = Ints(train.CoarseLabels),
            TestCoarseLabels = Ints(test.CoarseLabels),
            FileHashes = train.SourceFiles.Concat(test.SourceFiles).Distinct()
                .ToDictionary(f => f, f => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f)))),
        };
    }

    /// <summary>A label tensor's values, the tensor disposed.</summary>
    private static int[]? Ints(Tensor? labels)
    {
        using (labels) return labels?.data<long>().Select(l => (int)l).ToArray();
    }
}
