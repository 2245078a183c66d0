using CilBench.Abstractions;

namespace CilBench.Core.Protocols;

/// <summary>What protocol validation needs to know of a dataset without reading it.</summary>
/// <param name="Name">Catalog name.</param>
/// <param name="Classes">Number of classes.</param>
/// <param name="Shape">Shape of one image.</param>
/// <param name="TrainPerClass">Training samples per class.</param>
/// <param name="TestPerClass">Test samples per class.</param>
/// <param name="CoarseOfClass">Each class's coarse class (CIFAR-100's superclasses), where the dataset has them.</param>
public sealed record DatasetInfo(string Name, int Classes, InputShape Shape, int TrainPerClass, int TestPerClass, IReadOnlyList<int>? CoarseOfClass = null);

/// <summary>Looks up datasets by catalog name.</summary>
public interface IDatasetInfoSource
{
    DatasetInfo? Find(string name);

    IEnumerable<string> Names { get; }
}
