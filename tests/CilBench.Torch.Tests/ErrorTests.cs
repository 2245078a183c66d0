namespace CilBench.Torch.Tests;

using F = torch.nn.functional;

/// <summary>libtorch errors arrive as exceptions carrying libtorch's message, and the process carries on.</summary>
public class ErrorTests
{
    private static void StillWorks()
    {
        using var scope = torch.NewDisposeScope();
        Assert.Equal(new float[] { 4, 6 }, (torch.tensor(new float[] { 1, 2 }) + torch.tensor(new float[] { 3, 4 })).data<float>());
    }

    [Fact]
    public void ShapeMismatch()
    {
        using var scope = torch.NewDisposeScope();
        var e = Assert.Throws<TorchException>(() => torch.zeros([2, 3]) + torch.zeros([4, 5]));
        Assert.Contains("The size of tensor a (3) must match the size of tensor b (5) at non-singleton dimension 1", e.Message);
        StillWorks();
        e = Assert.Throws<TorchException>(() => torch.zeros([2, 3]).mm(torch.zeros([4, 5])));
        Assert.Contains("mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5)", e.Message);
        StillWorks();
        e = Assert.Throws<TorchException>(() => torch.zeros([6]).view(4, -1));
        Assert.Contains("shape '[4, -1]' is invalid for input of size 6", e.Message);
        StillWorks();
    }

    [Fact]
    public void BadDtype()
    {
        using var scope = torch.NewDisposeScope();
        var e = Assert.Throws<TorchException>(() => torch.zeros([2, 3], ScalarType.Int64).matmul(torch.zeros([3, 2])));
        Assert.Contains("expected scalar type Long but found Float", e.Message);
        StillWorks();
        // The managed check: reading int64 elements as float32 is refused before any copy.
        var a = Assert.Throws<ArgumentException>(() => torch.zeros([2], ScalarType.Int64).data<float>());
        Assert.Contains("Int64", a.Message);
        StillWorks();
    }

    [Fact]
    public void IndexOutOfRange()
    {
        using var scope = torch.NewDisposeScope();
        var e = Assert.Throws<TorchException>(() => torch.zeros([3]).index_select(0, torch.tensor(new long[] { 10 })));
        Assert.Contains("index out of range in self", e.Message);
        StillWorks();
        e = Assert.Throws<TorchException>(() => torch.zeros([3]).select(0, 5));
        Assert.Contains("out of range", e.Message);
        StillWorks();
        e = Assert.Throws<TorchException>(() => F.cross_entropy(torch.zeros([2, 3]), torch.tensor(new long[] { 0, 3 })));
        Assert.Contains("out of bounds", e.Message);
        StillWorks();
    }

    [Fact]
    public void AnErrorDoesNotLingerIntoTheNextCall()
    {
        using var scope = torch.NewDisposeScope();
        Assert.Throws<TorchException>(() => torch.zeros([2]).view(3));
        // Calls that succeed, including ones that return no tensor on success, must not re-raise the old error.
        var t = torch.zeros([2], requires_grad: true);
        Assert.Null(t.grad);
        Assert.Equal(2, t.numel());
        Assert.Throws<TorchException>(() => F.pad(torch.zeros([2]), [1, 1], (torch.nn.PadMode)7));
        Assert.False(torch.zeros([1]).equal(torch.ones([1])));
        StillWorks();
    }

    [Fact]
    public void BackwardWithoutGraphIsAnError()
    {
        using var scope = torch.NewDisposeScope();
        var e = Assert.Throws<TorchException>(() => torch.ones([1]).backward());
        Assert.Contains("does not require grad", e.Message);
        StillWorks();
    }
}
