namespace CilBench.Torch.Tests;

using nn = torch.nn;

/// <summary>Inference mode computes what no_grad computes, bit for bit, and its scopes nest and unwind like no_grad's.</summary>
public class InferenceModeTests
{
    [Fact]
    public void AnEvalForwardGivesTheSameBitsAsUnderNoGrad()
    {
        using var g = new Generator(3);
        using var model = new nn.Sequential(new nn.Conv2d(3, 8, 3, padding: 1), new nn.BatchNorm2d(8), new nn.ReLU(),
            new nn.Conv2d(8, 8, 3, stride: 2, padding: 1), new nn.AdaptiveAvgPool2d(1), new nn.Flatten(), new nn.Linear(8, 5));
        // A few training steps' worth of batch statistics, so eval-mode batch norm is not the identity.
        using (torch.NewDisposeScope())
        using (torch.no_grad())
            for (var i = 0; i < 3; i++) model.call(torch.randn([4, 3, 8, 8], g));
        model.eval();
        using var scope = torch.NewDisposeScope();
        var x = torch.randn([6, 3, 8, 8], g);
        Tensor plain, inference;
        using (torch.no_grad()) plain = model.call(x);
        using (torch.inference_mode())
        {
            Assert.True(torch.is_inference_mode_enabled());
            Assert.False(torch.is_grad_enabled());
            inference = model.call(x);
        }
        Assert.False(torch.is_inference_mode_enabled());
        Assert.True(torch.is_grad_enabled());
        Assert.True(inference.is_inference());
        Assert.False(plain.is_inference());
        Assert.Equal(plain.bytes(), inference.bytes());
        // Outside inference mode an op on an inference tensor gives an ordinary one, usable with autograd.
        var w = torch.ones([5], requires_grad: true);
        var y = inference.mul(1);
        Assert.False(y.is_inference());
        (y * w).sum().backward();
        Assert.Equal(inference.sum(0).data<float>(), w.grad!.data<float>());
    }

    [Fact]
    public void DisposingAnOuterInferenceScopeFirstEndsTheInnerOne()
    {
        var outer = torch.inference_mode();
        var inner = torch.inference_mode();
        Assert.True(torch.is_inference_mode_enabled());
        outer.Dispose();
        Assert.False(torch.is_inference_mode_enabled());
        Assert.True(torch.is_grad_enabled());
        inner.Dispose();
        Assert.False(torch.is_inference_mode_enabled());
        Assert.True(torch.is_grad_enabled());
    }

    [Fact]
    public void NoGradInsideInferenceModeAndBackRestoresEachState()
    {
        using (torch.inference_mode())
        {
            using (torch.enable_grad()) Assert.True(torch.is_grad_enabled());
            Assert.False(torch.is_grad_enabled());
            Assert.True(torch.is_inference_mode_enabled());
        }
        Assert.True(torch.is_grad_enabled());
    }
}
