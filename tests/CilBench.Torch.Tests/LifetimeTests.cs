namespace CilBench.Torch.Tests;

using F = torch.nn.functional;
using nn = torch.nn;

/// <summary>Dispose scopes free what a step makes, and gradient mode is scoped.</summary>
public class LifetimeTests
{
    [Fact]
    public void TrainingStepsInsideScopesDoNotGrowTheLiveTensorCount()
    {
        using var g = new Generator(5);
        using var model = new nn.Sequential(new nn.Conv2d(1, 4, 3, padding: 1), new nn.BatchNorm2d(4), new nn.ReLU(),
            new nn.AdaptiveAvgPool2d(1), new nn.Flatten(), new nn.Linear(4, 3));
        using var opt = new torch.optim.SGD(model.parameters(), lr: 0.01, momentum: 0.9, weight_decay: 1e-4);
        using var x = torch.randn([8, 1, 6, 6], g);
        using var y = torch.randint(0, 3, [8], g);

        void Step()
        {
            using var scope = torch.NewDisposeScope();
            opt.zero_grad();
            var loss = F.cross_entropy(model.call(x), y);
            loss.backward();
            opt.step();
            _ = model.parameters().First().grad!.sum().item();
        }

        // Warm-up creates the optimizer's momentum buffers; after that a step must leave nothing behind.
        for (var i = 0; i < 3; i++) Step();
        // Collect garbage from earlier tests now, so that no finalizer lowers the count during the measurement.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = torch.LiveTensorCount;
        for (var i = 0; i < 200; i++) Step();
        Assert.Equal(before, torch.LiveTensorCount);
    }

    [Fact]
    public void ScopesNestAndMoveToOuterScopeHandsATensorOut()
    {
        var start = torch.LiveTensorCount;
        Tensor kept, inner1, outer1, detached;
        using (torch.NewDisposeScope())
        {
            outer1 = torch.ones([2]);
            using (torch.NewDisposeScope())
            {
                inner1 = torch.ones([2]);
                kept = (inner1 * 3).MoveToOuterScope();
                detached = torch.zeros([1]).DetachFromDisposeScope();
                Assert.Equal(start + 4, torch.LiveTensorCount);
            }
            Assert.True(inner1.IsDisposed);
            Assert.False(kept.IsDisposed);
            Assert.Equal(new float[] { 3, 3 }, kept.data<float>());
            Assert.Equal(start + 3, torch.LiveTensorCount);
        }
        Assert.True(kept.IsDisposed);
        Assert.True(outer1.IsDisposed);
        Assert.False(detached.IsDisposed);
        detached.Dispose();
        Assert.Equal(start, torch.LiveTensorCount);

        // Moving out of the outermost scope leaves the tensor to its caller.
        Tensor free;
        using (torch.NewDisposeScope()) free = torch.ones([1]).MoveToOuterScope();
        Assert.False(free.IsDisposed);
        free.Dispose();
        Assert.Equal(start, torch.LiveTensorCount);
    }

    [Fact]
    public void DisposingAnOuterScopeFirstEndsTheInnerOneAndLeavesNoDeadScopeCurrent()
    {
        var start = torch.LiveTensorCount;
        var outer = torch.NewDisposeScope();
        var a = torch.ones([1]);
        var inner = torch.NewDisposeScope();
        var b = torch.ones([1]);
        outer.Dispose();
        Assert.True(outer.IsDisposed);
        Assert.True(inner.IsDisposed);
        Assert.True(a.IsDisposed);
        Assert.True(b.IsDisposed);
        inner.Dispose();
        // Neither scope collects what is made next: the thread is back to no scope.
        var after = torch.ones([1]);
        Assert.Null(after.Scope);
        after.Dispose();
        Assert.Equal(start, torch.LiveTensorCount);
    }

    private static void OnAnotherThread(Action action)
    {
        var thread = new Thread(() => action());
        thread.Start();
        thread.Join();
    }

    [Fact]
    public void AScopeDisposedOnAnotherThreadStopsBeingCurrentHere()
    {
        var start = torch.LiveTensorCount;
        using var outer = torch.NewDisposeScope();
        var scope = torch.NewDisposeScope();
        var t = torch.ones([1]);
        OnAnotherThread(scope.Dispose);
        Assert.True(t.IsDisposed);
        // The next tensor joins the live outer scope, not the dead one.
        var next = torch.ones([1]);
        Assert.Same(outer, next.Scope);
        outer.Dispose();
        Assert.True(next.IsDisposed);
        Assert.Equal(start, torch.LiveTensorCount);
    }

    [Fact]
    public void MovingOutOfAScopeWhoseOuterIsDeadHandsTheTensorToTheCaller()
    {
        var outer = torch.NewDisposeScope();
        var inner = torch.NewDisposeScope();
        OnAnotherThread(outer.Dispose);
        var t = torch.ones([1]);
        Assert.Same(inner, t.Scope);
        t.MoveToOuterScope();
        Assert.Null(t.Scope);
        inner.Dispose();
        Assert.False(t.IsDisposed);
        t.Dispose();
    }

    [Fact]
    public void DisposingATensorTwiceOrInsideAScopeIsHarmless()
    {
        var start = torch.LiveTensorCount;
        using (torch.NewDisposeScope())
        {
            var t = torch.ones([1]);
            t.Dispose();
            t.Dispose();
        }
        Assert.Equal(start, torch.LiveTensorCount);
    }

    [Fact]
    public void NoGradScopesAreRestoredOnExit()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.ones([2], requires_grad: true);
        Assert.True(torch.is_grad_enabled());
        using (torch.no_grad())
        {
            Assert.False(torch.is_grad_enabled());
            var y = x * 2;
            Assert.False(y.requires_grad);
            using (torch.enable_grad())
            {
                Assert.True(torch.is_grad_enabled());
                Assert.True((x * 2).requires_grad);
            }
            Assert.False(torch.is_grad_enabled());
        }
        Assert.True(torch.is_grad_enabled());
        var z = x * 2;
        Assert.True(z.requires_grad);
        Assert.False(z.is_leaf);
        z.sum().backward();
        Assert.Equal(new float[] { 2, 2 }, x.grad!.data<float>());
    }
}
