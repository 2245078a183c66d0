namespace CilBench.Torch.Tests;

/// <summary>Integer tensor + tensor and - tensor keep their dtype and exact values, with and without an alpha.</summary>
public class IntegerArithmeticTests
{
    private static readonly long[] A = [long.MaxValue - 10, -7, 0, 1L << 40];
    private static readonly long[] B = [3, 5, -9, 1L << 41];

    [Fact]
    public void Int64AddAndSubtract()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.tensor(A);
        var b = torch.tensor(B);
        var sum = a + b;
        Assert.Equal(ScalarType.Int64, sum.dtype);
        Assert.Equal(A.Zip(B, (x, y) => x + y), sum.data<long>());
        Assert.Equal(A.Zip(B, (x, y) => x - y), (a - b).data<long>());
        Assert.Equal(A.Zip(B, (x, y) => x + 3 * y), a.add(b, alpha: 3).data<long>());
        Assert.Equal(A.Zip(B, (x, y) => x + 2 * y), a.sub(b, alpha: -2).data<long>());
        var c = a.clone();
        c.add_(b).sub_(b, alpha: 2);
        Assert.Equal(A.Zip(B, (x, y) => x - y), c.data<long>());
    }

    [Fact]
    public void Int32AddAndSubtract()
    {
        using var scope = torch.NewDisposeScope();
        int[] x = [int.MaxValue - 1, -4, 100], y = [1, -6, -300];
        var a = torch.tensor(x);
        var b = torch.tensor(y);
        Assert.Equal(ScalarType.Int32, (a + b).dtype);
        Assert.Equal(x.Zip(y, (p, q) => p + q), (a + b).data<int>());
        Assert.Equal(x.Zip(y, (p, q) => p - q), (a - b).data<int>());
        // Mixed integer widths promote as in PyTorch (int32 + int64 -> int64).
        var wide = a + torch.tensor(new long[] { 1, 1, 1 });
        Assert.Equal(ScalarType.Int64, wide.dtype);
        Assert.Equal(x.Select(p => (long)p + 1), wide.data<long>());
    }

    [Fact]
    public void AFractionalAlphaOnIntegersIsAClearError()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.tensor(new long[] { 1, 2 });
        var e = Assert.Throws<TorchException>(() => a.add(a, alpha: 0.5));
        Assert.Contains("alpha 0.5", e.Message);
        Assert.Contains("Long", e.Message);
        // Floating tensors keep a fractional alpha.
        Assert.Equal(new float[] { 1.5f, 3 }, torch.tensor(new float[] { 1, 2 }).add(torch.tensor(new float[] { 1, 2 }), alpha: 0.5).data<float>());
    }
}
