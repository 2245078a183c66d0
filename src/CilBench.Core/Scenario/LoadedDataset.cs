using CilBench.Core.Protocols;
using CilBench.Torch;

namespace CilBench.Core.Scenario;

/// <summary>A dataset's train and test split as read from disk: uint8 images (CPU) and original class ids.</summary>
public sealed class LoadedDataset : IDisposable
{
    public required DatasetInfo Info { get; init; }
    public required Tensor TrainImages { get; init; }
    public required int[] TrainLabels { get; init; }
    public required Tensor TestImages { get; init; }
    public required int[] TestLabels { get; init; }
    /// <summary>Coarse class ids per sample, where the dataset has them (CIFAR-100).</summary>
    public int[]? TrainCoarseLabels { get; init; }
    public int[]? TestCoarseLabels { get; init; }
    /// <summary>Source file path to SHA-256 (provenance).</summary>
    public required Dictionary<string, string> FileHashes { get; init; }

    public void Dispose()
    {
        TrainImages.Dispose();
        TestImages.Dispose();
    }
}

/// <summary>Reads the dataset a protocol names.</summary>
public interface IDatasetSource : IDatasetInfoSource
{
    LoadedDataset Load(DatasetSpec spec);
}
