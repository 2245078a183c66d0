using System.Collections.Concurrent;
using System.Globalization;
using CilBench.Torch;

namespace CilBench.Core.Data;

/// <summary>
/// Batched image transforms on N x C x H x W tensors, computed by libtorch on the batch's device. The random ones
/// draw from a CPU <see cref="Generator"/> (so results do not depend on the device) and move the draws to the batch.
/// </summary>
public static class ImageTransforms
{
    /// <summary>uint8 -> float32 in [0, 1], as torchvision's ToTensor.</summary>
    public static Tensor ToFloat(Tensor images)
    {
        using var f = images.to(ScalarType.Float32);
        return f.div(255.0);
    }

    /// <summary>
    /// Crops, from each image of <paramref name="padded"/>, the height x width window whose top-left corner is
    /// <c>offsets[n] = (top, left)</c> (N x 2, whole numbers of any dtype), by gathering rows then columns: no
    /// per-pixel loop.
    /// </summary>
    public static Tensor Crop(Tensor padded, Tensor offsets, long height, long width)
    {
        using var scope = torch.NewDisposeScope();
        var s = padded.shape;
        var (n, c) = (s[0], s[1]);
        var device = padded.device;
        var start = offsets.to(ScalarType.Int64, device);
        var rows = start.select(1, 0).view(n, 1) + torch.arange(height, ScalarType.Int64, device).view(1, height);
        var cols = start.select(1, 1).view(n, 1) + torch.arange(width, ScalarType.Int64, device).view(1, width);
        var byRows = padded.gather(2, rows.view(n, 1, height, 1).expand(n, c, height, s[3]));
        var window = byRows.gather(3, cols.view(n, 1, 1, width).expand(n, c, height, width));
        return window.MoveToOuterScope();
    }

    /// <summary>
    /// torchvision RandomCrop(size = input size, padding) at given offsets: zero-pads each side by
    /// <paramref name="padding"/>, then crops back to the input size at <paramref name="offsets"/> (N x 2, drawn by
    /// <see cref="AugmentationDraws"/>).
    /// </summary>
    public static Tensor PaddedCrop(Tensor images, int padding, Tensor offsets)
    {
        using var scope = torch.NewDisposeScope();
        var s = images.shape;
        var padded = torch.nn.functional.pad(images, [padding, padding, padding, padding]);
        return Crop(padded, offsets, s[2], s[3]).MoveToOuterScope();
    }

    /// <summary>Flips left-right the images where <paramref name="mask"/> (N bool) is true.</summary>
    public static Tensor FlipWhere(Tensor images, Tensor mask)
    {
        using var scope = torch.NewDisposeScope();
        var m = mask.to(images.device).view(images.size(0), 1, 1, 1);
        return torch.where(m, images.flip(3), images).MoveToOuterScope();
    }

    /// <summary>
    /// ColorJitter(brightness) at given factors: multiplies image n by <c>factors[n]</c> and clamps to [0, 1] (float
    /// images); <see cref="AugmentationDraws"/> draws them uniform in [max(0, 1-b), 1+b].
    /// </summary>
    public static Tensor ScaleBrightness(Tensor images, Tensor factors)
    {
        using var scope = torch.NewDisposeScope();
        var f = factors.to(images.dtype, images.device).view(images.size(0), 1, 1, 1);
        return (images * f).clamp_(0, 1).MoveToOuterScope();
    }

    /// <summary>(x - mean[c]) / std[c] per channel, as torchvision's Normalize (float32 statistics).</summary>
    public static Tensor Normalize(Tensor images, IReadOnlyList<double> mean, IReadOnlyList<double> std)
    {
        var (m, s) = Statistics(mean, std, images.device);
        using var centred = images - m;
        return centred / s;
    }

    // The statistics as 1 x C x 1 x 1 float32 tensors on each device, copied there once per process rather than at
    // every batch. They are few (one pair per dataset and device) and live as long as the process.
    private static readonly ConcurrentDictionary<(string Key, Device Device), (Tensor Mean, Tensor Std)> StatisticsCache = new();

    private static (Tensor Mean, Tensor Std) Statistics(IReadOnlyList<double> mean, IReadOnlyList<double> std, Device device) =>
        StatisticsCache.GetOrAdd(($"{string.Join(",", mean.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))}/{string.Join(",", std.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))}", device), key =>
        {
            long c = mean.Count;
            return (torch.tensor(mean.Select(v => (float)v).ToArray(), [1, c, 1, 1], key.Device).DetachFromDisposeScope(),
                torch.tensor(std.Select(v => (float)v).ToArray(), [1, c, 1, 1], key.Device).DetachFromDisposeScope());
        });
}
