using CilBench.Learning.Backbones;
using CilBench.Torch;

namespace CilBench.Plugins.Grace;

/// <summary>
/// GRACE's importance-aware student initialisation (GRACENet.init_student): the merged backbone starts as
/// w * older + (1 - w) * newest, parameter by parameter, where w grows with the share of classes the older backbone
/// is responsible for and with how much the new classes dominate the training data.
/// </summary>
public static class ImportanceInitialisation
{
    /// <summary>
    /// w = ((pi^p + b^p) / 2)^(1/p): the power mean of the class share <paramref name="importance"/> (pi) and the
    /// sample share <paramref name="bias"/> (b = n_new / (n_new + n_old)) with exponent <paramref name="exponent"/> (p).
    /// </summary>
    public static double Weight(double importance, double bias, double exponent) =>
        Math.Pow((Math.Pow(importance, exponent) + Math.Pow(bias, exponent)) / 2, 1 / exponent);

    /// <summary>w * older + (1 - w) * newest.</summary>
    public static Tensor Blend(Tensor older, Tensor newest, double weight) => older * weight + newest * (1 - weight);

    /// <summary>
    /// Sets every parameter of <paramref name="student"/> (conv weights and biases, BN affine) to the blend of the
    /// two backbones' parameters; the student's buffers (BN running statistics) keep their fresh values, as GRACE's
    /// new <c>get_convnet</c> does.
    /// </summary>
    public static void Apply(Backbone student, Backbone older, Backbone newest, double weight)
    {
        var (s, o, n) = (student.named_parameters().ToList(), older.named_parameters().ToList(), newest.named_parameters().ToList());
        if (s.Count != o.Count || s.Count != n.Count)
            throw new ArgumentException($"backbones differ: {s.Count}, {o.Count} and {n.Count} parameters");
        using var _ = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        for (var i = 0; i < s.Count; i++)
        {
            if (s[i].name != o[i].name || s[i].name != n[i].name || !s[i].parameter.shape.SequenceEqual(o[i].parameter.shape))
                throw new ArgumentException($"backbones differ at parameter {i}: '{s[i].name}', '{o[i].name}', '{n[i].name}'");
            s[i].parameter.copy_(Blend(o[i].parameter, n[i].parameter, weight));
        }
    }
}
