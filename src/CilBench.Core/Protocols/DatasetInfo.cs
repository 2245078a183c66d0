using CilBench.Abstractions;

namespace CilBench.Core.Protocols;

/// <summary>What protocol validation needs to know of a dataset without reading it.</summary>
public sealed record DatasetInfo(string Name, int Classes, InputShape Shape, int TrainPerClass, int TestPerClass);

/// <summary>Looks up datasets by catalog name.</summary>
public interface IDatasetInfoSource
{
    DatasetInfo? Find(string name);

    IEnumerable<string> Names { get; }
}
