using CilBench.Learning.Masking;
using CilBench.Torch;

namespace CilBench.Learning.Tests.Masking;

public class ContinuousMaskTests
{
    [Fact]
    public void TheTemperatureReachesItsMaximumAtTheLastEpochAndTheMaskBinarisesBySign()
    {
        using var scope = torch.NewDisposeScope();
        using var mask = new ContinuousMask([4], scoreInit: 0, epochs: 5, betaMax: 200);
        using (torch.no_grad()) mask.Scores.copy_(torch.tensor(new[] { -0.2f, -0.05f, 0.05f, 0.3f }));
        Assert.Equal([0.45f, 0.4875f, 0.5125f, 0.5744f], mask.Soft().data<float>(), new Tolerance(1e-3f));

        for (var epoch = 1; epoch < 5; epoch++) mask.RaiseTemperature();
        Assert.Equal(200, mask.Beta, 9);
        Assert.Equal([false, false, true, true], mask.Binary().data<bool>());
        // sigmoid(200 * 0.05) = sigmoid(10): within 5e-5 of the binary mask; the relaxation has become the step.
        var gap = (mask.Soft() - mask.Binary().to(ScalarType.Float32)).abs().max().item();
        Assert.InRange(gap, 0, 5e-5);
    }

    [Fact]
    public void TheL0RelaxationIsTheSumOfTheSoftMaskAndPullsScoresDown()
    {
        using var scope = torch.NewDisposeScope();
        using var mask = new ContinuousMask([3], scoreInit: 0.5, epochs: 1, betaMax: 1);
        var l0 = mask.L0();
        Assert.Equal(3 / (1 + Math.Exp(-0.5)), l0.item(), 1e-6);
        l0.backward();
        // d/ds sigmoid(s) = sigmoid(s) (1 - sigmoid(s)) > 0: descending the penalty lowers every score.
        var s = 1 / (1 + Math.Exp(-0.5));
        Assert.All(mask.Scores.grad!.data<float>(), g => Assert.Equal(s * (1 - s), g, 1e-6));
    }

    private sealed class Tolerance(float epsilon) : IEqualityComparer<float>
    {
        public bool Equals(float a, float b) => Math.Abs(a - b) <= epsilon;

        public int GetHashCode(float x) => 0;
    }
}
