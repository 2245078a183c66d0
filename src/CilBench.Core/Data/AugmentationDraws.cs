using CilBench.Torch;

namespace CilBench.Core.Data;

/// <summary>
/// The random parameters of an augmentation for a stream of batches, drawn in one go and moved to the device in one
/// copy: one float64 row per image, [crop top, crop left, flip draw, brightness factor] (unused columns are 0). The
/// draws are made batch by batch in the order per-batch augmentation makes them, so the values are the same as
/// drawing at each batch; only the time of the draw (and of the copy to the device) moves to the epoch's start.
/// </summary>
public static class AugmentationDraws
{
    public const int Columns = 4;

    /// <summary>Rows for batches of <paramref name="batchSizes"/>, on <paramref name="device"/>; null when the spec draws nothing.</summary>
    public static Tensor? Draw(AugmentationSpec spec, IReadOnlyList<int> batchSizes, Generator generator, Device device)
    {
        if (!spec.IsRandom || batchSizes.Count == 0) return null;
        using var scope = torch.NewDisposeScope();
        var parts = new List<Tensor>(batchSizes.Count);
        foreach (var n in batchSizes)
        {
            var rows = torch.zeros([n, Columns], ScalarType.Float64);
            if (spec.CropPadding > 0)
                rows.narrow(1, 0, 2).copy_(torch.randint(0, 2L * spec.CropPadding + 1, [n, 2], generator));
            if (spec.Flip) rows.select(1, 2).copy_(torch.rand([n], generator));
            if (spec.Brightness > 0)
            {
                var low = Math.Max(0, 1 - spec.Brightness);
                rows.select(1, 3).copy_(torch.empty([n]).uniform_(low, 1 + spec.Brightness, generator));
            }
            parts.Add(rows);
        }
        var all = torch.cat(parts);
        return (device.Type == DeviceType.CPU ? all : all.to(device)).MoveToOuterScope();
    }
}
