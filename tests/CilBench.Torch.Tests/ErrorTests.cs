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

    private static void Raise(int kind, string message)
    {
        Native.NativeMethods.cb_test_raise(kind, message);
        Native.NativeMethods.Check();
    }

    [Fact]
    public void NativeExceptionsMapToTheirManagedTypes()
    {
        // A plain c10::Error, CUDA's c10::OutOfMemoryError, a host std::bad_alloc, and a non-standard exception.
        var e = Assert.Throws<TorchException>(() => Raise(0, "plain failure"));
        Assert.Contains("plain failure", e.Message);
        var oom = Assert.Throws<TorchOutOfMemoryException>(() => Raise(1, "CUDA out of memory. Tried to allocate 2.00 GiB"));
        Assert.Equal("CUDA out of memory. Tried to allocate 2.00 GiB", oom.Message);
        Assert.IsType<TorchOutOfMemoryException>(Assert.ThrowsAny<TorchException>(() => Raise(2, "")));
        e = Assert.Throws<TorchException>(() => Raise(3, ""));
        Assert.Equal("unknown native exception", e.Message);
        // The kind does not linger: the next failure is a plain error again, and a success raises nothing.
        Assert.Throws<TorchException>(() => Raise(0, "again"));
        Raise(-1, "");
        StillWorks();
    }

    [Fact]
    public void AMessageLongerThanTheErrorBufferIsTruncatedNotLost()
    {
        var e = Assert.Throws<TorchException>(() => Raise(4, "starts here"));
        Assert.StartsWith("starts here", e.Message);
        Assert.Equal(4095, e.Message.Length);
        Assert.Matches("^starts herex+$", e.Message);
        StillWorks();
    }

    [Fact]
    public void ErrorsStayOnTheirThread()
    {
        // Each thread has its own error slot: a failure on one does not surface as another thread's error.
        var failures = 0;
        Parallel.For(0, 8, i =>
        {
            for (var k = 0; k < 50; k++)
            {
                if (i % 2 == 0)
                {
                    try { Raise(0, $"thread {i}"); }
                    catch (TorchException e) when (e.Message.Contains($"thread {i}")) { Interlocked.Increment(ref failures); }
                }
                else
                {
                    using var scope = torch.NewDisposeScope();
                    Assert.Equal(3f, (torch.ones([1]) * 3).item<float>());
                }
            }
        });
        Assert.Equal(4 * 50, failures);
    }

    [Fact]
    public void TheBuildConfigIsOneStringForConcurrentReaders()
    {
        var configs = new string[16];
        Parallel.For(0, configs.Length, i => configs[i] = torch.build_config());
        Assert.Contains("PyTorch built with", configs[0]);
        Assert.All(configs, c => Assert.Equal(configs[0], c));
    }
}
