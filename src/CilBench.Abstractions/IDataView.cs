using CilBench.Torch;

namespace CilBench.Abstractions;

/// <summary>
/// A read-only view of labelled images held by the harness (uint8, on the run's device). Batches come out as
/// normalised float32 tensors, optionally augmented with the protocol's training augmentation. Views are valid
/// during the call that received them; do not keep one across tasks.
/// </summary>
public interface IDataView
{
    /// <summary>Number of samples.</summary>
    int Count { get; }

    /// <summary>Incremental class labels of all samples, in view order.</summary>
    IReadOnlyList<int> Labels { get; }

    /// <summary>The samples at the given positions of this view, as a new view.</summary>
    IDataView Subset(long[] positions);

    /// <summary>The samples of one class, as a new view.</summary>
    IDataView OfClass(int classIndex);

    /// <summary>Yields batches; each <see cref="Batch"/> owns its tensors and must be disposed by the caller.</summary>
    IEnumerable<Batch> Batches(BatchOptions options);
}

/// <summary>How to batch a view.</summary>
/// <param name="BatchSize">Samples per batch.</param>
/// <param name="Shuffle">Shuffle the order (deterministic for <paramref name="Seed"/>).</param>
/// <param name="Augment">Apply the protocol's training augmentation (crop, flip, jitter).</param>
/// <param name="DropLast">Drop a last incomplete batch.</param>
/// <param name="Seed">Seed for shuffling and augmentation.</param>
public sealed record BatchOptions(int BatchSize, bool Shuffle = false, bool Augment = false, bool DropLast = false, int Seed = 0);

/// <summary>A batch of images and labels on the run's device.</summary>
public sealed class Batch : IDisposable
{
    /// <summary>Creates a batch that owns the given tensors.</summary>
    public Batch(Tensor images, Tensor labels, long[] positions)
    {
        Images = images.DetachFromDisposeScope();
        Labels = labels.DetachFromDisposeScope();
        Positions = positions;
    }

    /// <summary>Normalised float32 images, N x C x H x W.</summary>
    public Tensor Images { get; }

    /// <summary>Incremental class labels, int64, N.</summary>
    public Tensor Labels { get; }

    /// <summary>Positions of these samples in the view, e.g. to rank candidates.</summary>
    public long[] Positions { get; }

    /// <summary>Number of samples in the batch.</summary>
    public int Count => (int)Labels.numel();

    /// <summary>Frees the batch's tensors.</summary>
    public void Dispose()
    {
        Images.Dispose();
        Labels.Dispose();
    }
}
