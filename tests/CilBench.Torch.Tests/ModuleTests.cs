namespace CilBench.Torch.Tests;

using nn = torch.nn;

public class ModuleTests
{
    private static nn.Sequential ConvBn() => new(new nn.Conv2d(3, 4, 3), new nn.BatchNorm2d(4));

    [Fact]
    public void NamesFollowRegistrationOrder()
    {
        using var m = ConvBn();
        Assert.Equal(["0.weight", "0.bias", "1.weight", "1.bias"], m.named_parameters().Select(x => x.name));
        Assert.Equal(["1.running_mean", "1.running_var", "1.num_batches_tracked"], m.named_buffers().Select(x => x.name));
        var state = m.state_dict();
        Assert.Equal(["0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean", "1.running_var", "1.num_batches_tracked"], state.Keys);
        foreach (var t in state.Values) t.Dispose();
    }

    [Fact]
    public void StateDictOrderIsPyTorchsModuleByModuleOrder()
    {
        // PyTorch saves each module's parameters and buffers before its children's, so a BN before a conv comes first whole.
        using var m = new nn.Sequential(new nn.BatchNorm2d(2), new nn.Conv2d(2, 2, 1));
        var state = m.state_dict();
        Assert.Equal(["0.weight", "0.bias", "0.running_mean", "0.running_var", "0.num_batches_tracked", "1.weight", "1.bias"], state.Keys);
        foreach (var t in state.Values) t.Dispose();
    }

    [Fact]
    public void TrainAndEvalReachEveryDescendant()
    {
        using var inner = new nn.Sequential(new nn.ReLU(), new nn.BatchNorm2d(2));
        using var m = new nn.Sequential(new nn.Conv2d(2, 2, 1), inner);
        Assert.All(m.modules(), x => Assert.True(x.training));
        m.eval();
        Assert.All(m.modules(), x => Assert.False(x.training));
        Assert.Equal(5, m.modules().Count());
        m.train();
        Assert.All(m.modules(), x => Assert.True(x.training));
    }

    [Fact]
    public void BatchNormRunningStatsFollowMomentumWithUnbiasedVariance()
    {
        using var scope = torch.NewDisposeScope();
        const double momentum = 0.3;
        using var bn = new nn.BatchNorm2d(1, momentum: momentum);
        double[] first = [1, 2, 3, 6], second = [-1, 1, 1, 3];
        // Batch 1: mean 3, unbiased var ((4 + 1 + 0 + 9) / 3) = 14/3. Batch 2: mean 1, unbiased var 8/3.
        double mean = 0, variance = 1;
        foreach (var (batch, m, v) in new[] { (first, 3.0, 14.0 / 3), (second, 1.0, 8.0 / 3) })
        {
            bn.call(torch.tensor(batch, [2, 1, 1, 2]).@float());
            mean = (1 - momentum) * mean + momentum * m;
            variance = (1 - momentum) * variance + momentum * v;
            Check.Close(mean, bn.running_mean.item(), 1e-6);
            Check.Close(variance, bn.running_var.item(), 1e-6);
        }
        Assert.Equal(2, bn.num_batches_tracked.item<long>());

        // In eval the running statistics normalise and are left alone.
        bn.eval();
        var y = bn.call(torch.tensor(new float[] { 0, 4 }, [1, 1, 1, 2]));
        Check.Close([(0 - mean) / Math.Sqrt(variance + 1e-5), (4 - mean) / Math.Sqrt(variance + 1e-5)], y, 1e-5);
        Check.Close(mean, bn.running_mean.item(), 1e-6);
        Assert.Equal(2, bn.num_batches_tracked.item<long>());
    }

    [Fact]
    public void StateDictRoundTripReproducesOutputs()
    {
        using var scope = torch.NewDisposeScope();
        using var a = ConvBn();
        using var b = ConvBn();
        using var g = new Generator(3);
        var x = torch.randn([2, 3, 5, 5], g);
        a.call(x); // moves a's running statistics away from their initial values
        a.eval();
        b.eval();
        Assert.False(a.call(x).allclose(b.call(x)));

        var state = a.state_dict();
        b.load_state_dict(state);
        Assert.True(a.call(x).equal(b.call(x)));
        Assert.Equal(1, ((nn.BatchNorm2d)b[1]).num_batches_tracked.item<long>());
        // load_state_dict copies: changing the source afterwards leaves b alone.
        using (torch.no_grad()) state["0.weight"].fill_(0);
        Assert.False(((nn.Conv2d)b[0]).weight.equal(state["0.weight"]));
        foreach (var t in state.Values) t.Dispose();
    }

    [Fact]
    public void StrictLoadNamesTheOffendingKeysAndChangesNothing()
    {
        using var scope = torch.NewDisposeScope();
        using var m = ConvBn();
        var before = ((nn.Conv2d)m[0]).weight.clone();
        var state = m.state_dict();
        try
        {
            var missing = new Dictionary<string, Tensor>(state);
            missing.Remove("1.running_var");
            missing["0.weight"] = torch.zeros([4, 3, 3, 3]);
            var e = Assert.Throws<ArgumentException>(() => m.load_state_dict(missing));
            Assert.Contains("missing key '1.running_var'", e.Message);
            Assert.True(before.equal(((nn.Conv2d)m[0]).weight));

            var extra = new Dictionary<string, Tensor>(state) { ["2.weight"] = torch.zeros([1]) };
            e = Assert.Throws<ArgumentException>(() => m.load_state_dict(extra));
            Assert.Contains("unexpected key '2.weight'", e.Message);

            var wrongShape = new Dictionary<string, Tensor>(state) { ["1.bias"] = torch.zeros([5]) };
            e = Assert.Throws<ArgumentException>(() => m.load_state_dict(wrongShape));
            Assert.Contains("'1.bias'", e.Message);
            Assert.Contains("[4]", e.Message);
            Assert.Contains("[5]", e.Message);
        }
        finally
        {
            foreach (var t in state.Values) t.Dispose();
        }

        // Non-strict loading skips missing keys and ignores unexpected ones.
        var partial = new Dictionary<string, Tensor> { ["0.bias"] = torch.ones([4]), ["junk"] = torch.zeros([1]) };
        m.load_state_dict(partial, strict: false);
        Check.Close([1, 1, 1, 1], ((nn.Conv2d)m[0]).bias!);
    }

    [Fact]
    public void DefaultInitStaysWithinOneOverSqrtFanIn()
    {
        using var scope = torch.NewDisposeScope();
        using var conv = new nn.Conv2d(8, 16, 3);
        using var linear = new nn.Linear(50, 20);
        foreach (var (w, b, fanIn) in new[] { (conv.weight, conv.bias!, 8 * 3 * 3), (linear.weight, linear.bias!, 50) })
        {
            var bound = 1 / Math.Sqrt(fanIn);
            foreach (var t in new Tensor[] { w, b })
            {
                Assert.True(t.abs().max().item() <= bound);
                // A uniform draw of this many values spans most of the interval: not all zeros, not a tiny range.
                Assert.True(t.abs().max().item() > 0.8 * bound);
                Assert.True(t.requires_grad);
            }
        }
    }

    [Fact]
    public void ToDtypeConvertsFloatingStateInPlaceKeepingParameterObjects()
    {
        using var scope = torch.NewDisposeScope();
        using var m = ConvBn();
        var before = m.parameters().ToList();
        m.to(ScalarType.Float64);
        Assert.Equal(before, m.parameters(), ReferenceEqualityComparer.Instance);
        Assert.All(m.parameters(), p => Assert.Equal(ScalarType.Float64, p.dtype));
        Assert.All(m.parameters(), p => Assert.True(p.requires_grad));
        Assert.Equal(ScalarType.Float64, ((nn.BatchNorm2d)m[1]).running_mean.dtype);
        Assert.Equal(ScalarType.Int64, ((nn.BatchNorm2d)m[1]).num_batches_tracked.dtype);
        var y = m.call(torch.ones([2, 3, 4, 4], ScalarType.Float64));
        Assert.Equal(ScalarType.Float64, y.dtype);
        y.sum().backward();
        Assert.All(m.parameters(), p => Assert.NotNull(p.grad));

        m.zero_grad();
        Assert.All(m.parameters(), p => Assert.Null(p.grad));
        m.requires_grad_(false);
        Assert.All(m.parameters(), p => Assert.False(p.requires_grad));
    }

    [Fact]
    public void ParameterCountSumsEveryParameter()
    {
        using var m = new nn.Sequential(new nn.Conv2d(3, 8, 3), new nn.BatchNorm2d(8), new nn.ReLU(), new nn.Flatten(), new nn.Linear(8, 10),
            new nn.Conv2d(4, 4, 3, groups: 2, bias: false));
        Assert.Equal(8 * 3 * 9 + 8 + 8 + 8 + 8 * 10 + 10 + 4 * 2 * 9, m.parameter_count());
    }
}
