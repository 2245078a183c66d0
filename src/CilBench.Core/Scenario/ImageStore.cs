using CilBench.Torch;

namespace CilBench.Core.Scenario;

/// <summary>
/// Owns a block of uint8 images (N x C x H x W, on the run's device) and their incremental labels. Views index
/// into a store without copying; the harness disposes stores when their stage or run ends.
/// </summary>
public sealed class ImageStore : IDisposable
{
    /// <param name="images">uint8 N x C x H x W; the store owns it.</param>
    /// <param name="labels">Incremental class labels.</param>
    /// <param name="transform">Turns gathered images into a batch (normalisation, augmentation).</param>
    /// <param name="served">Counts the images this store's views hand out in batches, if given.</param>
    public ImageStore(Tensor images, int[] labels, IBatchTransform transform, ImageCounter? served = null)
    {
        if (images.dtype != ScalarType.UInt8 || images.dim() != 4)
            throw new ArgumentException($"images must be uint8 N x C x H x W, got {images}");
        if (images.size(0) != labels.Length)
            throw new ArgumentException($"{images.size(0)} images but {labels.Length} labels");
        Images = images.DetachFromDisposeScope();
        Labels = labels;
        Transform = transform;
        Served = served;
    }

    public Tensor Images { get; }

    public int[] Labels { get; }

    public IBatchTransform Transform { get; }

    public ImageCounter? Served { get; }

    public int Count => Labels.Length;

    /// <summary>A view of every sample of this store.</summary>
    public DataView All() => new(this, Enumerable.Range(0, Count).Select(i => (long)i).ToArray());

    /// <summary>Images at the given store positions, as a new uint8 tensor (a copy).</summary>
    public Tensor Gather(long[] positions)
    {
        using var index = torch.tensor(positions).to(Images.device);
        return Images.index_select(0, index);
    }

    public void Dispose() => Images.Dispose();
}
