using CilBench.Learning.Losses;
using CilBench.Torch;

namespace CilBench.Learning.Tests;

public class AuxiliaryLossTests
{
    [Fact]
    public void OldClassesMapToZeroAndNewClassesFollow()
    {
        using var scope = torch.NewDisposeScope();
        var labels = torch.tensor(new long[] { 0, 5, 9, 10, 11, 19 });
        var targets = AuxiliaryLoss.Targets(labels, knownClasses: 10);
        Assert.Equal(ScalarType.Int64, targets.dtype);
        Assert.Equal(new long[] { 0, 0, 0, 1, 2, 10 }, targets.data<long>());
    }
}
