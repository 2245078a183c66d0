namespace CilBench.Torch.Tests;

using F = torch.nn.functional;

/// <summary>
/// Null and disposed tensors, and arrays of the wrong length, are refused with exceptions that name the argument,
/// for every family of native call; the process carries on.
/// </summary>
public class ArgumentTests
{
    private static Tensor Disposed()
    {
        var t = torch.ones([2]).DetachFromDisposeScope();
        t.Dispose();
        return t;
    }

    private static void Refused<TException>(Action call, string name) where TException : ArgumentException
    {
        var e = Assert.Throws<TException>(call);
        Assert.Equal(name, e.ParamName);
    }

    private static void RefusedDisposed(Action call, string name)
    {
        var e = Assert.Throws<ObjectDisposedException>(call);
        Assert.Equal(name, e.ObjectName);
    }

    [Fact]
    public void BinaryUnaryAndFunctionalOpsNameTheirTensorArgument()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.ones([2]);
        RefusedDisposed(() => x.add(Disposed()), "other");
        RefusedDisposed(() => _ = x + Disposed(), "other");
        Refused<ArgumentNullException>(() => x.mul(null!), "other");
        RefusedDisposed(() => x.copy_(Disposed()), "src");
        RefusedDisposed(() => torch.where(Disposed(), x, x), "condition");
        RefusedDisposed(() => x.addcmul_(x, Disposed()), "t2");
        var self = Assert.Throws<ObjectDisposedException>(() => Disposed().exp());
        Assert.Contains("disposed", self.Message);
        Assert.Throws<ObjectDisposedException>(() => Disposed().item());

        var image = torch.ones([1, 1, 4, 4]);
        var weight = torch.ones([2, 1, 3, 3]);
        RefusedDisposed(() => F.conv2d(image, Disposed()), "weight");
        RefusedDisposed(() => F.conv2d(image, weight, Disposed()), "bias");
        Refused<ArgumentNullException>(() => F.linear(null!, weight), "input");
        Assert.Equal(new long[] { 1, 2, 2, 2 }, F.conv2d(image, weight).shape);
    }

    [Fact]
    public void ArraysOfTensorsNameTheElement()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.ones([2]);
        RefusedDisposed(() => torch.cat([x, Disposed()]), "tensors[1]");
        RefusedDisposed(() => torch.stack([Disposed(), x]), "tensors[0]");
        Refused<ArgumentNullException>(() => torch.cat([x, null!]), "tensors");
        Refused<ArgumentNullException>(() => torch.stack(null!), "tensors");
        Assert.Equal(new float[] { 1, 1, 1, 1 }, torch.cat([x, x]).data<float>());
    }

    [Fact]
    public void IndexingRefusesDisposedIndicesAndValues()
    {
        using var scope = torch.NewDisposeScope();
        var t = torch.zeros([3]);
        var index = torch.tensor(new long[] { 2 });
        RefusedDisposed(() => t.index(Disposed()), "indices[0]");
        RefusedDisposed(() => t.index_put_([index], Disposed()), "values");
        RefusedDisposed(() => t.index_put_([Disposed()], torch.ones([1])), "indices[0]");
        RefusedDisposed(() => t.index_select(0, Disposed()), "index");
        // The tensor is unchanged by the refusals above. A null index is a full slice, as in Python.
        t.index_put_([index], torch.ones([1]));
        Assert.Equal(new float[] { 0, 0, 1 }, t.index([null]).data<float>());
        t.index_put_([null], torch.full([3], 2.0), accumulate: true);
        Assert.Equal(new float[] { 2, 2, 3 }, t.data<float>());
    }

    [Fact]
    public void SgdStepRefusesADisposedParameter()
    {
        var p = torch.ones([2], requires_grad: true).DetachFromDisposeScope();
        var q = torch.ones([2], requires_grad: true).DetachFromDisposeScope();
        using var opt = new torch.optim.SGD([p, q], lr: 0.1, momentum: 0.9);
        q.Dispose();
        RefusedDisposed(opt.step, "params[1]");
        p.Dispose();
    }

    [Fact]
    public void WindowArraysMustHoldTwoValues()
    {
        using var scope = torch.NewDisposeScope();
        var image = torch.ones([1, 1, 4, 4]);
        var weight = torch.ones([1, 1, 3, 3]);
        Refused<ArgumentException>(() => F.conv2d(image, weight, null, [1], [0, 0], [1, 1]), "stride");
        Refused<ArgumentException>(() => F.conv2d(image, weight, null, [1, 1], [0, 0, 0], [1, 1]), "padding");
        Refused<ArgumentNullException>(() => F.conv2d(image, weight, null, [1, 1], [0, 0], null!), "dilation");
    }

    [Fact]
    public void TheNativeSideChecksLengthsAndNullHandlesToo()
    {
        using var scope = torch.NewDisposeScope();
        var image = torch.ones([1, 1, 4, 4]);
        var weight = torch.ones([1, 1, 3, 3]);
        // Straight to the shim, past the managed checks.
        var e = Assert.Throws<TorchException>(() => Tensor.Wrap(Native.NativeMethods.cb_conv2d(
            image.handle, weight.handle, Tensor.OptArg(null), [1], 1, [0, 0], 2, [1, 1], 2, 1)));
        Assert.Contains("stride has 1 values, expected 2", e.Message);
        e = Assert.Throws<TorchException>(() => Tensor.Wrap(Native.NativeMethods.cb_cat([image.handle.DangerousGetHandle(), IntPtr.Zero], 2, 0)));
        Assert.Contains("tensors[1] is a null tensor handle", e.Message);
        e = Assert.Throws<TorchException>(() => Tensor.Wrap(Native.NativeMethods.cb_stack(null!, 3, 0)));
        Assert.Contains("invalid tensor array", e.Message);
        e = Assert.Throws<TorchException>(() =>
        {
            Native.NativeMethods.cb_tensor_shape(image.handle, new long[3], 3);
            Native.NativeMethods.Check();
        });
        Assert.Contains("the tensor has 4 dims but the array holds 3", e.Message);
        Assert.Equal(new long[] { 1, 1, 4, 4 }, image.shape);
    }
}
