using System.Security.Cryptography;
using CilBench.Abstractions;
using CilBench.Core.Data;
using CilBench.Core.Protocols;

namespace CilBench.Core.Scenario;

/// <summary>The run's dataset source: the readers of a <see cref="DatasetCatalog"/>, with file hashes for provenance.</summary>
public sealed class CatalogDatasetSource(DatasetCatalog catalog) : IDatasetSource
{
    // Shapes and split sizes of the built-in datasets, so protocols validate without reading the files.
    private static readonly Dictionary<string, (InputShape Shape, int TrainPerClass, int TestPerClass)> Known =
        new(StringComparer.OrdinalIgnoreCase)
        {
            ["fmnist"] = (new InputShape(1, 28, 28), 6000, 1000),
            ["mnist"] = (new InputShape(1, 28, 28), 6000, 1000),
            ["cifar10"] = (new InputShape(3, 32, 32), 5000, 1000),
            ["cifar100"] = (new InputShape(3, 32, 32), 500, 100),
        };

    public IEnumerable<string> Names => catalog.Names;

    public DatasetInfo? Find(string name)
    {
        if (!catalog.Names.Contains(name, StringComparer.OrdinalIgnoreCase)) return null;
        var reader = catalog.Get(name);
        if (!Known.TryGetValue(reader.Name, out var k))
            throw new InvalidOperationException($"dataset '{name}' has no known shape; add it to {nameof(CatalogDatasetSource)}");
        var coarse = ReferenceEquals(reader, CifarReader.Cifar100) ? CifarReader.Cifar100CoarseOfFine : null;
        return new DatasetInfo(reader.Name, reader.ClassCount, k.Shape, k.TrainPerClass, k.TestPerClass, coarse);
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
        using var trainLabels = train.Labels;
        using var testLabels = test.Labels;
        return new LoadedDataset
        {
            Info = info,
            TrainImages = train.Images,
            TrainLabels = trainLabels.data<long>().Select(l => (int)l).ToArray(),
            TestImages = test.Images,
            TestLabels = testLabels.data<long>().Select(l => (int)l).ToArray(),
            TrainCoarseLabels = train.CoarseLabels?.data<long>().Select(l => (int)l).ToArray(),
            TestCoarseLabels = test.CoarseLabels?.data<long>().Select(l => (int)l).ToArray(),
            FileHashes = train.SourceFiles.Concat(test.SourceFiles).Distinct()
                .ToDictionary(f => f, f => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f)))),
        };
    }
}
