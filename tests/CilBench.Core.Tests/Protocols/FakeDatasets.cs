using CilBench.Abstractions;
using CilBench.Core.Protocols;

namespace CilBench.Core.Tests.Protocols;

/// <summary>
/// Dataset facts for protocol validation without any files: a CIFAR-100-like "hundred", the same with 20 coarse
/// classes of 5 ("grouped": class c belongs to coarse class c mod 20) and a 10-class "ten".
/// </summary>
internal sealed class FakeDatasets : IDatasetInfoSource
{
    public static readonly DatasetInfo Hundred = new("hundred", 100, new InputShape(3, 32, 32), 500, 100);
    public static readonly DatasetInfo Grouped = new("grouped", 100, new InputShape(3, 32, 32), 500, 100, [.. Enumerable.Range(0, 100).Select(c => c % 20)]);
    public static readonly DatasetInfo Ten = new("ten", 10, new InputShape(1, 28, 28), 6000, 1000);

    public DatasetInfo? Find(string name) => name switch
    {
        "hundred" => Hundred,
        "grouped" => Grouped,
        "ten" => Ten,
        _ => null,
    };

    public IEnumerable<string> Names => ["hundred", "grouped", "ten"];
}
