using CilBench.Plugins.Memo;
using CilBench.Torch;

namespace CilBench.Plugins.Tests;

public class MemoNetTests
{
    [Fact]
    public void ResNet32SharesItsGeneralizedPartAndAddsAStage3PerTask()
    {
        using var net = new MemoNet("resnet32", 3, Device.CPU, seed: 1);
        for (var t = 1; t <= 3; t++)
        {
            net.Expand(10 * t);
            Assert.Equal(112_016, net.Generalized.parameter_count());
            Assert.Equal(351_488L * t, net.Blocks.Sum(b => b.parameter_count()));
            Assert.Equal((64L * t, 10L * t), (net.Fc!.InFeatures, net.Fc.OutFeatures));
        }
    }

    [Fact]
    public void ANewBlockStartsAsACopyOfTheNewest()
    {
        using var scope = torch.NewDisposeScope();
        using var net = new MemoNet("resnet8", 1, Device.CPU, seed: 1);
        net.Expand(2);
        net.Expand(4);
        var (a, b) = (net.Blocks[0].state_dict(), net.Blocks[1].state_dict());
        Assert.All(a, kv => Assert.True(kv.Value.equal(b[kv.Key]), kv.Key));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void OnlyTheNewestBlockAndOptionallyTheGeneralizedPartTrain(bool trainGeneralized)
    {
        using var net = new MemoNet("resnet8", 1, Device.CPU, seed: 1);
        net.Expand(2);
        net.Expand(4);
        net.Expand(6);
        net.PrepareTraining(trainGeneralized);
        Assert.All(net.Blocks.Take(2), b => Assert.False(b.training || b.parameters().Any(p => p.requires_grad)));
        Assert.True(net.Blocks[2].training && net.Blocks[2].parameters().All(p => p.requires_grad));
        Assert.Equal(trainGeneralized, net.Generalized.training);
        Assert.All(net.Generalized.parameters(), p => Assert.Equal(trainGeneralized, p.requires_grad));
    }
}
