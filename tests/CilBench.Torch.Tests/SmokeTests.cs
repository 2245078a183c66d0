using CilBench.Torch;

namespace CilBench.Torch.Tests;

public class SmokeTests
{
    [Fact]
    public void AddsAndReadsBack()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.tensor(new float[] { 1, 2, 3, 4 }, [2, 2]);
        var b = torch.tensor(new float[] { 10, 20 });
        var c = a + b;
        Assert.Equal(new float[] { 11, 22, 13, 24 }, c.data<float>());
        Assert.Equal(new long[] { 2, 2 }, c.shape);
    }

    [Fact]
    public void ShapeMismatchRaisesTorchException()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.zeros([2, 3]);
        var b = torch.zeros([4, 5]);
        var e = Assert.Throws<TorchException>(() => a.mm(b));
        Assert.Contains("cannot be multiplied", e.Message);
    }
}
