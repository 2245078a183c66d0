using CilBench.Abstractions;
using CilBench.Torch;

namespace CilBench.Core.Tests.Scenario;

/// <summary>Images whose every pixel holds one value, so a test can tell exactly which image ended up where.</summary>
internal static class TestImages
{
    /// <summary>uint8 N x C x H x W; image i is filled with <paramref name="values"/>[i].</summary>
    public static Tensor Filled(IReadOnlyList<int> values, InputShape shape)
    {
        var data = values.SelectMany(v => Enumerable.Repeat(checked((byte)v), (int)shape.Bytes)).ToArray();
        return torch.tensor(data, [values.Count, shape.Channels, shape.Height, shape.Width]);
    }

    /// <summary>The value of each image of a view, in view order (read through its batches, i.e. its transform).</summary>
    public static int[] Values(IDataView view, BatchOptions? options = null) =>
        [.. view.Batches(options ?? new BatchOptions(7)).SelectMany(b =>
        {
            using (b)
            using (var first = b.Images.flatten(1).select(1, 0).contiguous())
                return first.data<float>().Select(v => (int)v).ToArray();
        })];

    /// <summary>The value of each image of a uint8 tensor.</summary>
    public static int[] Values(Tensor images)
    {
        using var first = images.flatten(1).select(1, 0).contiguous();
        return [.. first.data<byte>().Select(v => (int)v)];
    }
}
