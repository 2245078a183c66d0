using CilBench.Torch;

namespace CilBench.Core.Data;

/// <summary>
/// CIFAR-10 or CIFAR-100 from the official python-version or binary-version files. The path may be the batch
/// folder itself (cifar-10-batches-py, cifar-100-binary...) or a folder holding it, as <c>cilbench data fetch --to</c>
/// leaves it. The format is recognised from the files present. CIFAR-100 uses the 100 fine labels.
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
        new("cifar-10-batches-py", [.. Enumerable.Range(1, 5).Select(i => $"data_batch_{i}")], "test_batch", "labels", 0, 0),
        new("cifar-10-batches-bin", [.. Enumerable.Range(1, 5).Select(i => $"data_batch_{i}.bin")], "test_batch.bin", null, 1, 0));

    public static CifarReader Cifar100 { get; } = new("cifar100", 100,
        new("cifar-100-python", ["train"], "test", "fine_labels", 0, 0),
        new("cifar-100-binary", ["train.bin"], "test.bin", null, 2, 1));

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
        var parts = paths.Select(p => layout.LabelsKey is { } key
            ? CifarPickleBatch.Read(p, key, ClassCount)
            : CifarBinaryBatch.Read(p, layout.LabelBytes, layout.LabelIndex, ClassCount)).ToArray();
        var images = parts.Length == 1 ? parts[0].Images : torch.cat(parts.Select(p => p.Images).ToArray());
        var labels = parts.Length == 1 ? parts[0].Labels : torch.cat(parts.Select(p => p.Labels).ToArray());
        return new ImageDataset($"{Name}/{split}", images, labels, ClassCount, paths);
    }

    /// <summary>One on-disk variant: folder name, files, and where the labels are (pickle key, or label bytes per record).</summary>
    private sealed record Layout(string Folder, string[] TrainFiles, string TestFile, string? LabelsKey, int LabelBytes, int LabelIndex);
}
