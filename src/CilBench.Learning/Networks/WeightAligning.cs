using CilBench.Torch;

namespace CilBench.Learning.Networks;

/// <summary>
/// Weight aligning (Zhao et al., CVPR 2020, "Maintaining Discrimination and Fairness in Class Incremental Learning",
/// Eq. 9-10; PyCIL's weight_align): scale the new classes' weight rows by gamma = mean old-row norm / mean new-row norm.
/// Biases are untouched.
/// </summary>
public static class WeightAligning
{
    /// <summary>Aligns the last <paramref name="increment"/> rows of <paramref name="weight"/> in place; returns gamma.</summary>
    public static double Align(Tensor weight, long increment)
    {
        var classes = weight.size(0);
        if (increment <= 0 || increment >= classes)
            throw new ArgumentException($"weight aligning needs old and new rows: {classes} rows, {increment} new");
        using var _ = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var gamma = Gamma(weight, increment);
        weight.narrow(0, classes - increment, increment).mul_(gamma);
        return gamma;
    }

    /// <summary>gamma = mean L2 norm of the old rows / mean L2 norm of the last <paramref name="increment"/> rows.</summary>
    public static double Gamma(Tensor weight, long increment)
    {
        var classes = weight.size(0);
        using var scope = torch.NewDisposeScope();
        var norms = weight.detach().norm(2, 1);
        var oldMean = norms.narrow(0, 0, classes - increment).mean().item();
        var newMean = norms.narrow(0, classes - increment, increment).mean().item();
        return oldMean / newMean;
    }
}
