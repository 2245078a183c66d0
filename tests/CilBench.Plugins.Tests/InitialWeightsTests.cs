using CilBench.Learning.Backbones;
using CilBench.Learning.Networks;
using CilBench.Plugins.Grace;
using CilBench.Plugins.Memo;
using CilBench.Torch;

namespace CilBench.Plugins.Tests;

/// <summary>
/// The first backbone of every method depends on the run's seed alone: iCaRL-style learners build it in their
/// constructor, GRACE in its first Learn after other random draws, and both get the same weights.
/// </summary>
public class InitialWeightsTests
{
    private static IncrementalNet PlainNet(int seed) => InitialWeights.Build(seed, () => new IncrementalNet("resnet8", 1, Device.CPU));

    private static void AssertSame(torch.nn.Module a, torch.nn.Module b)
    {
        var x = a.state_dict();
        var y = b.state_dict();
        Assert.Equal(x.Keys, y.Keys);
        foreach (var (name, t) in x) Assert.True(t.equal(y[name]), $"{name} differs");
    }

    [Fact]
    public void GracesFirstBackboneIsThePlainBackboneOfTheSameSeed()
    {
        torch.manual_seed(1);
        using var plain = PlainNet(7);
        torch.manual_seed(12345);
        using (torch.NewDisposeScope()) torch.rand([1000]); // whatever ran before GRACE's first Learn
        using var grace = new GraceNet("resnet8", 1, Device.CPU, seed: 7);
        grace.Grow(2);

        AssertSame(plain.Backbone, grace.Convnets[0]);
    }

    [Fact]
    public void AnotherSeedGivesOtherWeights()
    {
        using var a = PlainNet(7);
        using var b = PlainNet(8);
        var wa = a.Backbone.state_dict();
        var wb = b.Backbone.state_dict();
        Assert.Contains(wa.Keys, k => wa[k].dtype == ScalarType.Float32 && wa[k].numel() > 1 && !wa[k].equal(wb[k]));
    }

    [Fact]
    public void MemosFirstTaskNetworkDoesNotDependOnEarlierDraws()
    {
        torch.manual_seed(1);
        using var a = new MemoNet("resnet8", 1, Device.CPU, seed: 7);
        a.Expand(2);
        torch.manual_seed(2);
        using var b = new MemoNet("resnet8", 1, Device.CPU, seed: 7);
        b.Expand(2);

        AssertSame(a.Generalized, b.Generalized);
        AssertSame(a.Blocks[0], b.Blocks[0]);
    }
}
