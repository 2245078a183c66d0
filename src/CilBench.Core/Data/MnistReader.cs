using CilBench.Torch;

namespace CilBench.Core.Data;

/// <summary>
/// MNIST or Fashion-MNIST from the four official IDX files (train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz,
/// t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz; uncompressed copies without .gz are read too).
/// </summary>
public sealed class MnistReader : IDatasetReader
{
    private readonly Func<string> defaultPath;

    private MnistReader(string name, Func<string> defaultPath)
    {
        Name = name;
        this.defaultPath = defaultPath;
    }

    /// <summary>Fashion-MNIST; Debian's dataset-fashion-mnist package installs it in /usr/share/datasets/fashion-mnist.</summary>
    public static MnistReader FashionMnist { get; } = new("fmnist", () => "/usr/share/datasets/fashion-mnist");

    public static MnistReader Mnist { get; } = new("mnist", () => Path.Combine(DatasetCatalog.DataRoot, "mnist"));

    public string Name { get; }

    public int ClassCount => 10;

    public string DefaultPath => defaultPath();

    public DatasetSplits Load(string path)
    {
        var train = Read(path, "train");
        try
        {
            return new DatasetSplits(train, Read(path, "t10k"));
        }
        catch
        {
            train.Dispose();
            throw;
        }
    }

    private ImageDataset Read(string dir, string prefix)
    {
        var imagesPath = Find(dir, $"{prefix}-images-idx3-ubyte");
        var labelsPath = Find(dir, $"{prefix}-labels-idx1-ubyte");
        using var scope = torch.NewDisposeScope();
        var images = IdxFormat.ReadImages(imagesPath);
        var labels = IdxFormat.ReadLabels(labelsPath, ClassCount);
        if (labels.size(0) != images.size(0))
            throw new DatasetFormatException(labelsPath, $"has {labels.size(0)} labels, but {imagesPath} has {images.size(0)} images");
        return new ImageDataset($"{Name}/{(prefix == "t10k" ? "test" : prefix)}", images, labels, ClassCount, [imagesPath, labelsPath]);
    }

    private string Find(string dir, string stem)
    {
        foreach (var candidate in new[] { stem + ".gz", stem })
        {
            var p = Path.Combine(dir, candidate);
            if (File.Exists(p)) return Path.GetFullPath(p);
        }
        throw new DatasetFormatException(Path.Combine(dir, stem + ".gz"),
            $"file not found; {Name} expects the four official IDX files in {dir}" +
            (Name == "fmnist" ? " (install Debian's dataset-fashion-mnist, see scripts/setup.sh)" : ""));
    }
}
