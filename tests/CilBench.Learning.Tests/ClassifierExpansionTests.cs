using CilBench.Learning.Networks;
using CilBench.Torch;

namespace CilBench.Learning.Tests;

public class ClassifierExpansionTests
{
    [Fact]
    public void OldClassesKeepTheirWeightsOverTheOldFeatures()
    {
        using var scope = torch.NewDisposeScope();
        using var old = new SimpleLinear(4, 3);
        using (torch.no_grad()) old.bias.copy_(torch.tensor(new float[] { 1, 2, 3 }));
        using var grown = ClassifierExpansion.Expand(old, 8, 5, Device.CPU);

        Assert.Equal(new long[] { 5, 8 }, grown.weight.shape);
        Assert.True(grown.weight.narrow(0, 0, 3).narrow(1, 0, 4).equal(old.weight));
        Assert.True(grown.bias.narrow(0, 0, 3).equal(old.bias));
        // New columns of old rows and the new rows keep a fresh (non-zero) initialisation; new biases are 0.
        Assert.True(grown.weight.narrow(1, 4, 4).abs().sum().item() > 0);
        Assert.Equal(0, grown.bias.narrow(0, 3, 2).abs().sum().item());
    }

    [Fact]
    public void WithoutAPreviousClassifierItIsFresh()
    {
        using var fc = ClassifierExpansion.Expand(null, 64, 10, Device.CPU);
        Assert.Equal((64, 10), (fc.InFeatures, fc.OutFeatures));
    }

    [Fact]
    public void ShrinkingIsRefused()
    {
        using var old = new SimpleLinear(8, 3);
        Assert.Throws<ArgumentException>(() => ClassifierExpansion.Expand(old, 4, 3, Device.CPU));
    }
}
