namespace CilBench.Torch.Tests;

/// <summary>Assertions on tensor values against numbers the test computed itself.</summary>
internal static class Check
{
    public static void Close(double expected, double actual, double tol = 1e-6, string? what = null)
    {
        if (!(Math.Abs(expected - actual) <= tol * Math.Max(1, Math.Abs(expected))))
            Assert.Fail($"{what ?? "value"}: expected {expected:R}, got {actual:R} (tolerance {tol})");
    }

    public static void Close(IReadOnlyList<double> expected, IReadOnlyList<double> actual, double tol = 1e-6)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++) Close(expected[i], actual[i], tol, $"element {i}");
    }

    public static void Close(IReadOnlyList<double> expected, Tensor actual, double tol = 1e-6) =>
        Close(expected, Doubles(actual), tol);

    /// <summary>The tensor's elements as doubles, whatever its floating dtype.</summary>
    public static double[] Doubles(Tensor t)
    {
        using var d = t.to(ScalarType.Float64);
        return d.data<double>();
    }

    public static long[] Longs(Tensor t)
    {
        using var d = t.to(ScalarType.Int64);
        return d.data<long>();
    }
}
