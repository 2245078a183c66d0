using CilBench.Torch;

namespace CilBench.Core.Data;

/// <summary>
/// CIFAR-10 or CIFAR-100 from the official python-version or binary-version files. The path may be the batch
/// folder itself (cifar-10-batches-py, cifar-100-binary...) or a folder holding it, as <c>cilbench data fetch --to</c>
/// leaves it. The format is recognised from the files present. CIFAR-100 uses the 100 fine labels and exposes its 20
/// coarse labels (superclasses) beside them.
/// </summary>
public sealed class CifarReader : IDatasetReader
{
    private readonly Layout python;
    private readonly Layout binary;

    private CifarReader(string name, int classCount, Layout python, Layout binary)
    {
        Name = name;
        ClassCount = classCount;
        this.python = python;
        this.binary = binary;
    }

    public static CifarReader Cifar10 { get; } = new("cifar10", 10,
        new("cifar-10-batches-py", [.. Enumerable.Range(1, 5).Select(i => $"data_batch_{i}")], "test_batch", "labels", 0, 0, null, null),
        new("cifar-10-batches-bin", [.. Enumerable.Range(1, 5).Select(i => $"data_batch_{i}.bin")], "test_batch.bin", null, 1, 0, null, null));

    public static CifarReader Cifar100 { get; } = new("cifar100", 100,
        new("cifar-100-python", ["train"], "test", "fine_labels", 0, 0, "coarse_labels", null),
        new("cifar-100-binary", ["train.bin"], "test.bin", null, 2, 1, null, 0));

    /// <summary>CIFAR-100's superclasses.</summary>
    public const int Cifar100CoarseClasses = 20;

    /// <summary>CIFAR-100's coarse class of each fine class (the dataset's meta: 5 fine classes per superclass).</summary>
    public static IReadOnlyList<int> Cifar100CoarseOfFine { get; } =
    [
        4, 1, 14, 8, 0, 6, 7, 7, 18, 3, 3, 14, 9, 18, 7, 11, 3, 9, 7, 11, 6, 11, 5, 10, 7, 6, 13, 15, 3, 15,
        0, 11, 1, 10, 12, 14, 16, 9, 11, 5, 5, 19, 8, 8, 15, 13, 14, 17, 18, 10, 16, 4, 17, 4, 2, 0, 17, 4, 18, 17,
        10, 3, 2, 12, 12, 16, 12, 1, 9, 19, 2, 10, 0, 1, 16, 12, 9, 13, 15, 13, 16, 19, 2, 4, 6, 19, 5, 5, 8, 19,
        18, 1, 2, 15, 6, 0, 17, 8, 14, 13,
    ];

    public string Name { get; }

    public int ClassCount { get; }

    public string DefaultPath => Path.Combine(DatasetCatalog.DataRoot, python.Folder);

    public DatasetSplits Load(string path)
    {
        var (dir, layout) = Locate(path);
        var train = Read(dir, layout, layout.TrainFiles, "train");
        try
        {
            return new DatasetSplits(train, Read(dir, layout, [layout.TestFile], "test"));
        }
        catch
        {
            train.Dispose();
            throw;
        }
    }

    private (string Dir, Layout Layout) Locate(string path)
    {
        foreach (var layout in new[] { python, binary })
            foreach (var dir in new[] { path, Path.Combine(path, layout.Folder) })
                if (File.Exists(Path.Combine(dir, layout.TrainFiles[0])))
                    return (dir, layout);
        throw new DatasetFormatException(path,
            $"no {Name} files found: expected {python.Folder} ({string.Join(", ", python.TrainFiles)}, {python.TestFile}) " +
            $"or {binary.Folder} ({string.Join(", ", binary.TrainFiles)}, {binary.TestFile}) in this folder or as a subfolder; " +
            $"download with `cilbench data fetch {Name} --to DIR`");
    }

    private ImageDataset Read(string dir, Layout layout, string[] files, string split)
    {
        using var scope = torch.NewDisposeScope();
        var paths = files.Select(f => Path.GetFullPath(Path.Combine(dir, f))).ToArray();
        var coarse = layout.CoarseKey is not null || layout.CoarseIndex is not null;
        var parts = paths.Select(p => layout.LabelsKey is { } key
            ? CifarPickleBatch.Read(p, coarse ? [(key, ClassCount), (layout.CoarseKey!, Cifar100CoarseClasses)] : [(key, ClassCount)])
            : CifarBinaryBatch.Read(p, layout.LabelBytes,
                coarse ? [(layout.LabelIndex, ClassCount), (layout.CoarseIndex!.Value, Cifar100CoarseClasses)] : [(layout.LabelIndex, ClassCount)])).ToArray();
        Tensor Column(int c) => parts.Length == 1 ? parts[0].Labels[c] : torch.cat(parts.Select(p => p.Labels[c]).ToArray());
        var images = parts.Length == 1 ? parts[0].Images : torch.cat(parts.Select(p => p.Images).ToArray());
        return new ImageDataset($"{Name}/{split}", images, Column(0), ClassCount, paths, coarse ? Column(1) : null);
    }

    /// <summary>
    /// One on-disk variant: folder name, files, and where the labels are (pickle key, or label bytes per record and
    /// the label's index among them), and the coarse labels likewise where the dataset has them.
    /// </summary>
    private sealed record Layout(string Folder, string[] TrainFiles, string TestFile, string? LabelsKey, int LabelBytes, int LabelIndex,
        string? CoarseKey, int? CoarseIndex);
}
