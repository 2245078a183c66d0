namespace CilBench.Core.Data;

/// <summary>
/// Dataset readers by name ("fmnist", "mnist", "cifar10", "cifar100"), so a protocol names its data and, optionally,
/// where it lies. Built-in readers are in <see cref="Default"/>; more can be added with <see cref="With"/>.
/// </summary>
public sealed class DatasetCatalog
{
    private readonly Dictionary<string, IDatasetReader> readers;

    public DatasetCatalog(IEnumerable<IDatasetReader> readers)
    {
        this.readers = new(StringComparer.OrdinalIgnoreCase);
        foreach (var r in readers)
            if (!this.readers.TryAdd(r.Name, r))
                throw new ArgumentException($"two dataset readers are named '{r.Name}'", nameof(readers));
    }

    public static DatasetCatalog Default { get; } =
        new([MnistReader.FashionMnist, MnistReader.Mnist, CifarReader.Cifar10, CifarReader.Cifar100]);

    /// <summary>
    /// Where downloaded datasets go by default: $CILBENCH_DATA if set, else ~/.local/share/cilbench/datasets
    /// (the platform's local application data folder).
    /// </summary>
    public static string DataRoot =>
        Environment.GetEnvironmentVariable("CILBENCH_DATA") is { Length: > 0 } root
            ? root
            : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "cilbench", "datasets");

    public IReadOnlyCollection<string> Names => readers.Keys;

    /// <summary>A catalog with <paramref name="reader"/> added (or replacing the one of the same name).</summary>
    public DatasetCatalog With(IDatasetReader reader) =>
        new(readers.Values.Where(r => !string.Equals(r.Name, reader.Name, StringComparison.OrdinalIgnoreCase)).Append(reader));

    public IDatasetReader Get(string name) =>
        readers.TryGetValue(name, out var r) ? r
        : throw new ArgumentException($"unknown dataset '{name}'; known: {string.Join(", ", readers.Keys.Order())}", nameof(name));

    /// <summary>Loads the train and test splits that <paramref name="source"/> names.</summary>
    public DatasetSplits Load(DatasetSource source)
    {
        var reader = Get(source.Dataset);
        return reader.Load(source.Path ?? reader.DefaultPath);
    }
}
