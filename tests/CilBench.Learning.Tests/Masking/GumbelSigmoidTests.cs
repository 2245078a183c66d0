using CilBench.Learning.Masking;
using CilBench.Torch;

namespace CilBench.Learning.Tests.Masking;

public class GumbelSigmoidTests
{
    [Fact]
    public void TheForwardIsBinaryAndTheGradientIsTheSoftSamplesStraightThrough()
    {
        using var scope = torch.NewDisposeScope();
        const double temperature = 0.7;
        var scores = torch.linspace(-3, 3, 50).requires_grad_();
        using var weightDraws = new Generator(5);
        var weights = torch.randn([50], weightDraws);
        using var generator = new Generator(11);
        var sample = GumbelSigmoid.Sample(scores, temperature, generator);
        (sample * weights).sum().backward();

        // The same noise, drawn independently: soft = sigmoid((s + log u - log(1 - u)) / T).
        using var replay = new Generator(11);
        var u = torch.rand([50], replay).clamp(1e-6, 1 - 1e-6).to(ScalarType.Float64);
        var s = scores.detach().to(ScalarType.Float64);
        var soft = ((s + u.log() - (1 - u).log()) / temperature).sigmoid();
        var values = sample.detach().data<float>();
        Assert.All(values, v => Assert.True(v is 0f or 1f, $"forward value {v} is not binary"));
        Assert.Equal(soft.gt(0.5).to(ScalarType.Float32).data<float>(), values);
        // d soft / d s = soft (1 - soft) / T, times the upstream gradient.
        var expected = (soft * (1 - soft) / temperature * weights.to(ScalarType.Float64)).data<double>();
        var gradient = scores.grad!.data<float>();
        for (var i = 0; i < 50; i++) Assert.Equal(expected[i], gradient[i], 1e-6); // float32 against float64: a tolerance, not rounding, which flips at a digit boundary
        Assert.Contains(0f, values);
        Assert.Contains(1f, values);
    }

    [Fact]
    public void TheDecisionAfterTrainingIsTheSignOfTheScore() =>
        Assert.Equal([false, false, true], GumbelSigmoid.Decide(torch.tensor(new[] { -1f, 0f, 2f })).data<bool>());
}
