using CilBench.Learning.Networks;
using CilBench.Torch;

namespace CilBench.Learning.Tests;

public class WeightAligningTests
{
    [Fact]
    public void GammaIsTheMeanOldNormOverTheMeanNewNormAndScalesOnlyTheNewRows()
    {
        using var scope = torch.NewDisposeScope();
        // Old rows' norms 5 and 10 (mean 7.5), new rows' 1 and 2 (mean 1.5): gamma = 5.
        var weight = torch.tensor(new float[,] { { 3, 4 }, { 6, 8 }, { 1, 0 }, { 0, 2 } });

        Assert.Equal(5, WeightAligning.Gamma(weight, 2), 5);
        Assert.Equal(5, WeightAligning.Align(weight, 2), 5);

        float[] expected = [3, 4, 6, 8, 5, 0, 0, 10];
        Assert.Equal(expected, weight.data<float>());
        Assert.Equal(1, WeightAligning.Gamma(weight, 2), 5);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    public void AligningNeedsOldAndNewRows(int increment)
    {
        using var scope = torch.NewDisposeScope();
        Assert.Throws<ArgumentException>(() => WeightAligning.Align(torch.ones([4, 2]), increment));
    }
}
