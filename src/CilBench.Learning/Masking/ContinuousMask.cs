using CilBench.Torch;

namespace CilBench.Learning.Masking;

/// <summary>
/// Continuous sparsification (Yuan, Savarese, Maire 2020, "Growing Efficient Deep Networks by Structured Continuous
/// Sparsification"; Savarese et al. 2020): a binary mask relaxed as m = sigmoid(beta * s) of learned scores s. The
/// temperature beta starts at 1 and is multiplied by <c>betaMax^(1 / (epochs - 1))</c> after every epoch, so it
/// reaches <c>betaMax</c> at the last epoch and the mask approaches the step function; at the end the mask is
/// binarised as m = 1[s > 0], the limit of sigmoid(beta * s) as beta grows.
/// </summary>
public sealed class ContinuousMask : IDisposable
{
    private readonly double growth;

    /// <param name="shape">One score per masked element.</param>
    /// <param name="scoreInit">Every score's initial value (its sign decides the mask if no gradient ever reaches it).</param>
    /// <param name="epochs">Epochs over which beta rises from 1 to <paramref name="betaMax"/>.</param>
    /// <param name="betaMax">The final temperature.</param>
    /// <param name="device">Where the scores live.</param>
    public ContinuousMask(long[] shape, double scoreInit, int epochs, double betaMax, Device? device = null)
    {
        if (epochs < 1) throw new ArgumentOutOfRangeException(nameof(epochs), epochs, "a mask trains for at least one epoch");
        if (!(betaMax >= 1)) throw new ArgumentOutOfRangeException(nameof(betaMax), betaMax, "the final temperature must be at least 1");
        Scores = new torch.nn.Parameter(torch.full(shape, scoreInit, device: device));
        growth = epochs == 1 ? 1 : Math.Pow(betaMax, 1.0 / (epochs - 1));
    }

    /// <summary>The learned scores s.</summary>
    public torch.nn.Parameter Scores { get; }

    /// <summary>The current temperature beta.</summary>
    public double Beta { get; private set; } = 1;

    /// <summary>The relaxed mask sigmoid(beta * s), differentiable in s.</summary>
    public Tensor Soft() => (Scores * Beta).sigmoid();

    /// <summary>The L0 relaxation ||m||_0 ~ sum sigmoid(beta * s) (Yuan et al., Eq. 3's penalty).</summary>
    public Tensor L0() => Soft().sum();

    /// <summary>Raises beta once; call after every epoch.</summary>
    public void RaiseTemperature() => Beta *= growth;

    /// <summary>The binary mask 1[s > 0] (bool, no gradient).</summary>
    public Tensor Binary()
    {
        using var _ = torch.no_grad();
        return Scores.gt(0);
    }

    public void Dispose() => Scores.Dispose();
}
