namespace CilBench.Core.Data;

/// <summary>An official dataset archive (.tar.gz): its file name under the base URL, its MD5, and the folder it unpacks to.</summary>
public sealed record DatasetArchive(string Dataset, string FileName, string Md5, string Folder)
{
    /// <summary>Where the CIFAR archives are published.</summary>
    public static readonly Uri OfficialBaseUrl = new("https://www.cs.toronto.edu/~kriz/");

    public static DatasetArchive Cifar10 { get; } =
        new("cifar10", "cifar-10-python.tar.gz", "c58f30108f718f92721af3b95e74349a", "cifar-10-batches-py");

    public static DatasetArchive Cifar100 { get; } =
        new("cifar100", "cifar-100-python.tar.gz", "eb9058c3a382ffc7106e4002c42a8d85", "cifar-100-python");

    public static IReadOnlyList<DatasetArchive> Known { get; } = [Cifar10, Cifar100];

    /// <summary>The archive of a catalog dataset name.</summary>
    public static DatasetArchive For(string dataset) =>
        Known.FirstOrDefault(a => string.Equals(a.Dataset, dataset, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException(
            $"no archive to fetch for dataset '{dataset}'; fetchable: {string.Join(", ", Known.Select(a => a.Dataset))}" +
            (dataset.Contains("mnist", StringComparison.OrdinalIgnoreCase) ? " (Fashion-MNIST comes from Debian's dataset-fashion-mnist, see scripts/setup.sh)" : ""),
            nameof(dataset));
}
