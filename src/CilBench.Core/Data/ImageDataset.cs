using CilBench.Torch;

namespace CilBench.Core.Data;

/// <summary>
/// One split of an image dataset held in memory, as stored on disk: <see cref="Images"/> is N x C x H x W uint8 on
/// the CPU and <see cref="Labels"/> N int64 dataset class ids in 0..ClassCount-1. It owns both tensors (they are
/// taken out of any dispose scope) and frees them on <see cref="Dispose"/>.
/// </summary>
public sealed class ImageDataset : IDisposable
{
    public ImageDataset(string name, Tensor images, Tensor labels, int classCount, IReadOnlyList<string> sourceFiles, Tensor? coarseLabels = null)
    {
        if (coarseLabels is not null && (coarseLabels.dim() != 1 || coarseLabels.dtype != ScalarType.Int64 || coarseLabels.size(0) != labels.size(0)))
            throw new ArgumentException($"dataset '{name}': coarse labels must be {labels.size(0)} int64 values, one per image, got {coarseLabels}", nameof(coarseLabels));
        if (images.dim() != 4 || images.dtype != ScalarType.UInt8 || images.device.Type != DeviceType.CPU)
            throw new ArgumentException($"dataset '{name}': images must be N x C x H x W uint8 on cpu, got {images}", nameof(images));
        if (labels.dim() != 1 || labels.dtype != ScalarType.Int64 || labels.device.Type != DeviceType.CPU)
            throw new ArgumentException($"dataset '{name}': labels must be a 1-d int64 cpu tensor, got {labels}", nameof(labels));
        var n = images.size(0);
        if (labels.size(0) != n)
            throw new ArgumentException($"dataset '{name}': {n} images but {labels.size(0)} labels", nameof(labels));
        if (classCount < 1) throw new ArgumentOutOfRangeException(nameof(classCount), classCount, "a dataset needs at least one class");
        if (n > 0)
        {
            using var min = labels.min();
            using var max = labels.max();
            if (min.item<long>() < 0 || max.item<long>() >= classCount)
                throw new ArgumentException(
                    $"dataset '{name}': labels span {min.item<long>()}..{max.item<long>()}, expected 0..{classCount - 1}", nameof(labels));
        }
        Name = name;
        Images = images.DetachFromDisposeScope();
        Labels = labels.DetachFromDisposeScope();
        CoarseLabels = coarseLabels?.DetachFromDisposeScope();
        ClassCount = classCount;
        SourceFiles = sourceFiles.ToArray();
        var shape = images.shape;
        (Count, Channels, Height, Width) = (shape[0], (int)shape[1], (int)shape[2], (int)shape[3]);
    }

    /// <summary>Name of the dataset and split, e.g. "cifar100/train".</summary>
    public string Name { get; }

    /// <summary>N x C x H x W uint8 on cpu.</summary>
    public Tensor Images { get; }

    /// <summary>N int64 dataset class ids on cpu.</summary>
    public Tensor Labels { get; }

    public int ClassCount { get; }

    /// <summary>N int64 coarse class ids on cpu where the dataset has them (CIFAR-100's 20 superclasses), else null.</summary>
    public Tensor? CoarseLabels { get; }

    /// <summary>The files the split was read from, for provenance hashing.</summary>
    public IReadOnlyList<string> SourceFiles { get; }

    public long Count { get; }

    public int Channels { get; }

    public int Height { get; }

    public int Width { get; }

    /// <summary>Bytes of one stored image (C x H x W): the unit of exemplar memory.</summary>
    public long BytesPerImage => (long)Channels * Height * Width;

    /// <summary>The samples at <paramref name="indices"/> (int64, cpu) as a new dataset that owns copies.</summary>
    public ImageDataset Select(Tensor indices) =>
        new(Name, Images.index_select(0, indices), Labels.index_select(0, indices), ClassCount, SourceFiles, CoarseLabels?.index_select(0, indices));

    public void Dispose()
    {
        Images.Dispose();
        Labels.Dispose();
        CoarseLabels?.Dispose();
    }

    public override string ToString() => $"{Name}: {Count} x {Channels} x {Height} x {Width}, {ClassCount} classes";
}
