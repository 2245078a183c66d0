using CilBench.Torch;

namespace CilBench.Learning.Masking;

/// <summary>
/// The Gumbel-sigmoid trick with a hard threshold (GROWN, Eq. 6; Jang et al. 2017's straight-through estimator):
/// soft = sigmoid((s + log u - log(1 - u)) / T) with u ~ U(0, 1), the forward pass uses hard = 1[soft > 0.5], and the
/// backward pass takes the gradient of soft (hard + (soft - stop_gradient(soft))). Without noise the decision is
/// 1[s > 0], independent of T.
/// </summary>
public static class GumbelSigmoid
{
    /// <summary>One sample: binary in the forward pass, the straight-through gradient of the soft sample in the backward pass.</summary>
    /// <param name="scores">Learned logits s.</param>
    /// <param name="temperature">T &gt; 0.</param>
    /// <param name="generator">Source of the logistic noise (null: libtorch's default generator).</param>
    public static Tensor Sample(Tensor scores, double temperature, Generator? generator = null)
    {
        if (!(temperature > 0)) throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "the Gumbel-sigmoid temperature must be positive");
        using var scope = torch.NewDisposeScope();
        // u in [eps, 1 - eps] keeps log u and log(1 - u) finite.
        var u = torch.rand(scores.shape, generator, device: scores.device).clamp(1e-6, 1 - 1e-6);
        var noise = u.log() - (1 - u).log();
        var soft = ((scores + noise) / temperature).sigmoid();
        return StraightThrough(soft).MoveToOuterScope();
    }

    /// <summary>
    /// hard + (soft - stop_gradient(soft)) with hard = 1[soft &gt; 0.5]: exactly the value of hard (the bracket is an exact
    /// zero; hard + soft - soft would round 1 to 0.99999994), the gradient of soft.
    /// </summary>
    public static Tensor StraightThrough(Tensor soft)
    {
        using var scope = torch.NewDisposeScope();
        var hard = soft.detach().gt(0.5).to(soft.dtype);
        return (hard + (soft - soft.detach())).MoveToOuterScope();
    }

    /// <summary>The deterministic decision after training: 1[s &gt; 0] (bool).</summary>
    public static Tensor Decide(Tensor scores)
    {
        using var _ = torch.no_grad();
        return scores.gt(0);
    }
}
