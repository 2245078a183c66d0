using CilBench.Torch;

namespace CilBench.Core.Data;

/// <summary>
/// Turns a batch of stored images (uint8 N x C x H x W, any device) into network input (float32, same device) as its
/// <see cref="AugmentationSpec"/> says: scale to [0, 1], crop, flip, brightness, normalise. Random draws come from
/// its own seeded CPU generator in a fixed order, so a seed and the sequence of batch sizes fix every result.
/// </summary>
public sealed class Augmentation : IDisposable
{
    private readonly Generator generator;

    public Augmentation(AugmentationSpec spec, ulong seed)
    {
        Spec = spec;
        generator = new Generator(seed);
    }

    public AugmentationSpec Spec { get; }

    /// <summary>Restarts the random stream, e.g. per epoch or per task.</summary>
    public void Reseed(ulong seed) => generator.manual_seed(seed);

    public Tensor Apply(Tensor images) => Apply(Spec, images, generator);

    /// <summary>Applies <paramref name="spec"/> drawing from <paramref name="generator"/> (the harness's per-stream generator).</summary>
    public static Tensor Apply(AugmentationSpec spec, Tensor images, Generator generator)
    {
        CheckImages(spec, images);
        using var draws = AugmentationDraws.Draw(spec, [(int)images.size(0)], generator, images.device);
        return Apply(spec, images, draws);
    }

    /// <summary>
    /// Applies <paramref name="spec"/> with random parameters drawn beforehand: <paramref name="draws"/> holds this
    /// batch's rows of <see cref="AugmentationDraws"/> (null when the spec draws nothing). No host transfer.
    /// </summary>
    public static Tensor Apply(AugmentationSpec spec, Tensor images, Tensor? draws)
    {
        CheckImages(spec, images);
        if (spec.IsRandom && (draws is null || draws.size(0) != images.size(0)))
            throw new ArgumentException($"augmentation needs {images.size(0)} rows of random draws, got {draws?.ToString() ?? "none"}", nameof(draws));
        using var scope = torch.NewDisposeScope();
        var x = ImageTransforms.ToFloat(images);
        if (spec.CropPadding > 0) x = ImageTransforms.PaddedCrop(x, spec.CropPadding, draws!.narrow(1, 0, 2));
        if (spec.Flip) x = ImageTransforms.FlipWhere(x, draws!.select(1, 2).lt(0.5));
        if (spec.Brightness > 0) x = ImageTransforms.ScaleBrightness(x, draws!.select(1, 3));
        if (spec.Mean.Length > 0) x = ImageTransforms.Normalize(x, spec.Mean, spec.Std);
        return x.MoveToOuterScope();
    }

    private static void CheckImages(AugmentationSpec spec, Tensor images)
    {
        if (images.dim() != 4 || images.dtype != ScalarType.UInt8)
            throw new ArgumentException($"augmentation expects uint8 N x C x H x W images, got {images}", nameof(images));
        spec.Validate((int)images.size(1));
    }

    public void Dispose() => generator.Dispose();
}
