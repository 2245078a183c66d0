namespace CilBench.Torch.Tests;

using F = torch.nn.functional;

/// <summary>Autograd gradients of the nn ops a CIL method trains with, against central finite differences.</summary>
public class GradientTests
{
    private static Tensor Randn(ulong seed, params long[] shape)
    {
        using var g = new Generator(seed);
        return torch.randn(shape, g, ScalarType.Float64);
    }

    [Fact]
    public void GradCheckDetectsAWrongGradient()
    {
        // x * detach(x) has autograd gradient x but true derivative 2x: the helper must notice.
        using var scope = torch.NewDisposeScope();
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => GradCheck.Assert(x => x[0] * x[0].detach(), Randn(1, 3)));
    }

    [Fact]
    public void Conv2dWithStridePaddingDilationGroupsAndBias()
    {
        using var scope = torch.NewDisposeScope();
        GradCheck.Assert(t => F.conv2d(t[0], t[1], t[2], stride: 2, padding: 1, dilation: 2, groups: 2),
            Randn(1, 2, 4, 6, 6), Randn(2, 6, 2, 3, 3), Randn(3, 6));
    }

    [Fact]
    public void Conv2dWithAsymmetricArguments()
    {
        using var scope = torch.NewDisposeScope();
        GradCheck.Assert(t => F.conv2d(t[0], t[1], null, [2, 1], [1, 0], [1, 2], 1),
            Randn(4, 1, 2, 5, 6), Randn(5, 3, 2, 2, 2));
    }

    [Fact]
    public void BatchNormInTrainingMode()
    {
        // Training mode normalises with the batch's statistics, so the gradient flows through mean and variance too.
        using var scope = torch.NewDisposeScope();
        GradCheck.Assert(t => F.batch_norm(t[0], null, null, t[1], t[2], training: true),
            Randn(6, 4, 3, 2, 2), Randn(7, 3), Randn(8, 3));
    }

    [Fact]
    public void Linear()
    {
        using var scope = torch.NewDisposeScope();
        GradCheck.Assert(t => F.linear(t[0], t[1], t[2]), Randn(9, 3, 4), Randn(10, 5, 4), Randn(11, 5));
    }

    [Fact]
    public void CrossEntropyWithClassWeightsAndLabelSmoothing()
    {
        using var scope = torch.NewDisposeScope();
        var target = torch.tensor(new long[] { 0, 2, 1, 2 });
        var weight = torch.tensor(new double[] { 0.5, 2.0, 1.5 });
        GradCheck.Assert(t => F.cross_entropy(t[0], target, weight, label_smoothing: 0.2), Randn(12, 4, 3));
    }

    [Fact]
    public void KlDivWithBatchMean()
    {
        // Both arguments are differentiable: distillation losses backpropagate into the input log-probabilities.
        using var scope = torch.NewDisposeScope();
        var target = F.softmax(Randn(14, 3, 5), 1);
        GradCheck.Assert(t => F.kl_div(F.log_softmax(t[0], 1), t[1], torch.nn.Reduction.BatchMean), Randn(13, 3, 5), target);
    }

    [Fact]
    public void LogSoftmax()
    {
        using var scope = torch.NewDisposeScope();
        GradCheck.Assert(t => F.log_softmax(t[0], 1), Randn(15, 3, 4));
    }

    [Fact]
    public void MaxPool2d()
    {
        // Random inputs have no ties, so the max is differentiable and a 1e-6 step never changes the argmax.
        using var scope = torch.NewDisposeScope();
        GradCheck.Assert(t => F.max_pool2d(t[0], 3, stride: 2, padding: 1), Randn(16, 2, 2, 5, 5));
    }

    [Fact]
    public void AvgPool2d()
    {
        using var scope = torch.NewDisposeScope();
        GradCheck.Assert(t => F.avg_pool2d(t[0], 2, stride: 2, padding: 1, count_include_pad: false), Randn(17, 2, 2, 5, 5));
    }

    [Fact]
    public void AdaptiveAvgPool2d()
    {
        using var scope = torch.NewDisposeScope();
        GradCheck.Assert(t => F.adaptive_avg_pool2d(t[0], 3), Randn(18, 2, 2, 5, 5));
    }
}
