using CilBench.Learning.Networks;
using CilBench.Torch;

namespace CilBench.Learning.Tests;

public class SimpleLinearTests
{
    [Fact]
    public void GrowCopiesTheOldRowsAndInitialisesTheNewOnes()
    {
        using var scope = torch.NewDisposeScope();
        using var small = new SimpleLinear(4, 3);
        using (torch.no_grad()) small.bias.copy_(torch.tensor(new float[] { 1, 2, 3 }));
        using var grown = small.Grow(5);

        Assert.Equal([5, 4], grown.weight.shape);
        Assert.True(grown.weight.narrow(0, 0, 3).equal(small.weight));
        Assert.Equal([1f, 2, 3, 0, 0], grown.bias.data<float>());
        // New rows are kaiming-uniform, not copies and not zero.
        Assert.True(grown.weight.narrow(0, 3, 2).abs().sum().item() > 0);

        // The grown classifier owns its tensors: training it leaves the old one as it was.
        var before = small.weight.clone();
        using (torch.no_grad()) grown.weight.narrow(0, 0, 3).fill_(0);
        Assert.True(small.weight.equal(before));
    }

    [Fact]
    public void GrowRefusesToShrink()
    {
        using var small = new SimpleLinear(4, 3);
        Assert.Throws<ArgumentException>(() => small.Grow(2));
    }
}
