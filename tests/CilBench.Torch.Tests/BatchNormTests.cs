using CilBench.Torch;

namespace CilBench.Torch.Tests;

public class BatchNormTests
{
    [Fact]
    public void TrainingForwardCountsBatches()
    {
        using var scope = torch.NewDisposeScope();
        using var bn = new torch.nn.BatchNorm2d(3);
        bn.forward(torch.randn([2, 3, 4, 4]));
        bn.forward(torch.randn([2, 3, 4, 4]));
        Assert.Equal(2L, bn.num_batches_tracked.item<long>());
        Assert.Equal(ScalarType.Int64, bn.num_batches_tracked.dtype);
    }
}
