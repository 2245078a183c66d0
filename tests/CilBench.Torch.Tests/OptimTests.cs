namespace CilBench.Torch.Tests;

using optim = torch.optim;
using lr_scheduler = torch.optim.lr_scheduler;

/// <summary>SGD and the learning-rate schedules against sequences worked out by hand.</summary>
public class OptimTests
{
    // f(p) = sum(a_i * p_i^2 / 2), so grad_i = a_i * p_i.
    private static readonly double[] Curvature = [2, 0.5];
    private static readonly double[] Start = [1, -3];

    private static Tensor Param() => torch.tensor(Start, requires_grad: true).DetachFromDisposeScope();

    private static void Backward(Tensor p)
    {
        using var scope = torch.NewDisposeScope();
        (torch.tensor(Curvature) * p.square()).sum().mul(0.5).backward();
    }

    /// <summary>PyTorch's documented SGD rule, written out on plain doubles.</summary>
    private static List<double[]> Reference(int steps, double lr, double momentum = 0, double dampening = 0, double weightDecay = 0, bool nesterov = false)
    {
        var p = (double[])Start.Clone();
        var buf = new double[p.Length];
        var result = new List<double[]>();
        for (var t = 0; t < steps; t++)
        {
            for (var i = 0; i < p.Length; i++)
            {
                var d = Curvature[i] * p[i] + weightDecay * p[i];
                if (momentum != 0)
                {
                    buf[i] = t == 0 ? d : momentum * buf[i] + (1 - dampening) * d;
                    d = nesterov ? d + momentum * buf[i] : buf[i];
                }
                p[i] -= lr * d;
            }
            result.Add((double[])p.Clone());
        }
        return result;
    }

    private static void AssertFollows(List<double[]> expected, Func<Tensor, optim.Optimizer> make)
    {
        using var p = Param();
        using var opt = make(p);
        foreach (var step in expected)
        {
            opt.zero_grad();
            Backward(p);
            opt.step();
            Check.Close(step, p.data<double>(), 1e-12);
        }
    }

    [Fact]
    public void MomentumMatchesHandWorkedSteps()
    {
        // p = 1, grad 2p, lr 0.1, momentum 0.9: buf 2 -> p 0.8; grad 1.6, buf 0.9*2 + 1.6 = 3.4 -> p 0.46.
        using var p = torch.tensor(new double[] { 1 }, requires_grad: true);
        using var opt = new optim.SGD([p], lr: 0.1, momentum: 0.9);
        foreach (var expected in new[] { 0.8, 0.46 })
        {
            opt.zero_grad();
            using (torch.NewDisposeScope()) p.square().sum().backward();
            opt.step();
            Check.Close(expected, p.item(), 1e-12);
        }
    }

    [Fact]
    public void PlainSgd() => AssertFollows(Reference(5, lr: 0.1), p => new optim.SGD([p], lr: 0.1));

    [Fact]
    public void MomentumWithDampening() =>
        AssertFollows(Reference(6, lr: 0.05, momentum: 0.9, dampening: 0.3), p => new optim.SGD([p], lr: 0.05, momentum: 0.9, dampening: 0.3));

    [Fact]
    public void NesterovMomentum() =>
        AssertFollows(Reference(6, lr: 0.05, momentum: 0.8, nesterov: true), p => new optim.SGD([p], lr: 0.05, momentum: 0.8, nesterov: true));

    [Fact]
    public void WeightDecayWithMomentum() =>
        AssertFollows(Reference(6, lr: 0.1, momentum: 0.5, weightDecay: 0.01), p => new optim.SGD([p], lr: 0.1, momentum: 0.5, weight_decay: 0.01));

    [Fact]
    public void ParameterGroupsUseTheirOwnHyperParameters()
    {
        var fast = Reference(4, lr: 0.2, momentum: 0.9);
        var slow = Reference(4, lr: 0.01);
        using var p = Param();
        using var q = Param();
        using var opt = new optim.SGD(
            [new optim.ParamGroup([p]) { LearningRate = 0.2 }, new optim.ParamGroup([q]) { Momentum = 0 }], lr: 0.01, momentum: 0.9);
        for (var t = 0; t < 4; t++)
        {
            opt.zero_grad();
            Backward(p);
            Backward(q);
            opt.step();
            Check.Close(fast[t], p.data<double>(), 1e-12);
            Check.Close(slow[t], q.data<double>(), 1e-12);
        }
    }

    [Fact]
    public void ParametersWithoutGradientAreLeftAlone()
    {
        using var p = Param();
        using var q = Param();
        using var opt = new optim.SGD([p, q], lr: 0.1, momentum: 0.9);
        Backward(p);
        opt.step();
        Check.Close(Start, q.data<double>(), 0);
        Assert.Null(opt.momentum_buffer(q));
        Assert.NotNull(opt.momentum_buffer(p));
    }

    [Theory]
    [InlineData(0.9, 0.0, 5e-4, false)]
    [InlineData(0.8, 0.0, 0.0, true)]
    [InlineData(0.9, 0.3, 1e-2, false)]
    [InlineData(0.0, 0.0, 5e-4, false)]
    public void ForeachKernelsUpdateBitForBitAsThePerParameterPath(double momentum, double dampening, double weightDecay, bool nesterov)
    {
        // Two copies of the same float32 parameters (shapes of a conv net, one left without gradient at the first
        // step, so buffers are made at different steps), the same gradients at every step.
        using var g = new Generator(11);
        long[][] shapes = [[8, 3, 3, 3], [8], [10, 8], [10], [5]];
        var start = shapes.Select(s => torch.randn(s, g).DetachFromDisposeScope()).ToList();
        var single = start.Select(t => t.clone().requires_grad_().DetachFromDisposeScope()).ToList();
        var multi = start.Select(t => t.clone().requires_grad_().DetachFromDisposeScope()).ToList();
        using var slow = new optim.SGD(single, lr: 0.05, momentum, dampening, weightDecay, nesterov, @foreach: false);
        using var fast = new optim.SGD(multi, lr: 0.05, momentum, dampening, weightDecay, nesterov, @foreach: true);
        for (var step = 0; step < 5; step++)
        {
            using var scope = torch.NewDisposeScope();
            slow.zero_grad();
            fast.zero_grad();
            for (var i = 0; i < shapes.Length; i++)
            {
                if (step == 0 && i == 2) continue;
                var grad = torch.randn(shapes[i], g);
                single[i].grad = grad.clone();
                multi[i].grad = grad.clone();
            }
            slow.step();
            fast.step();
            for (var i = 0; i < shapes.Length; i++)
                Assert.Equal(single[i].bytes(), multi[i].bytes());
        }
        // The parameters did move (the comparison is not between untouched tensors), and the gradients are as
        // backward left them: the foreach path does not write into them.
        Assert.False(start[0].equal(multi[0]));
        using (var slowGrad = single[0].grad!)
        using (var fastGrad = multi[0].grad!)
            Assert.Equal(slowGrad.bytes(), fastGrad.bytes());
        foreach (var t in start.Concat(single).Concat(multi)) t.Dispose();
    }

    private static List<double> Schedule(Func<optim.Optimizer, lr_scheduler.LRScheduler> make, int epochs)
    {
        using var p = Param();
        using var opt = new optim.SGD([p], lr: 1);
        var s = make(opt);
        var lrs = new List<double>();
        for (var e = 0; e < epochs; e++)
        {
            lrs.Add(s.get_last_lr()[0]);
            Assert.Equal(s.get_last_lr()[0], opt.param_groups[0].LearningRate);
            s.step();
        }
        return lrs;
    }

    [Fact]
    public void MultiStepLR() =>
        Check.Close([1, 1, 0.1, 0.1, 0.1, 0.01, 0.01], Schedule(o => new lr_scheduler.MultiStepLR(o, [5, 2], 0.1), 7), 1e-12);

    [Fact]
    public void StepLR() =>
        Check.Close([1, 1, 1, 0.5, 0.5, 0.5, 0.25], Schedule(o => new lr_scheduler.StepLR(o, 3, 0.5), 7), 1e-12);

    [Fact]
    public void CosineAnnealingLR()
    {
        // eta_min 0.1, T_max 4: 0.1 + 0.9 * (1 + cos(pi * e / 4)) / 2 for e = 0..4.
        var c = Math.Sqrt(0.5);
        Check.Close([1, 0.1 + 0.45 * (1 + c), 0.55, 0.1 + 0.45 * (1 - c), 0.1],
            Schedule(o => new lr_scheduler.CosineAnnealingLR(o, 4, eta_min: 0.1), 5), 1e-12);
    }

    [Fact]
    public void SchedulerRatesAreWhatTheOptimizerSteps()
    {
        // lr 1 then 0.1 on grad 2p: p = 1 - 2 = -1, then -1 + 0.1 * 2 = -0.8.
        using var p = torch.tensor(new double[] { 1 }, requires_grad: true);
        using var opt = new optim.SGD([p], lr: 1);
        var s = new lr_scheduler.StepLR(opt, 1, 0.1);
        foreach (var expected in new[] { -1.0, -0.8 })
        {
            opt.zero_grad();
            using (torch.NewDisposeScope()) p.square().sum().backward();
            opt.step();
            s.step();
            Check.Close(expected, p.item(), 1e-12);
        }
    }
}
