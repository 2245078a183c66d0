using CilBench.Torch;

namespace CilBench.Learning.Capacity;

/// <summary>The effective rank of a feature matrix and how much of its possible rank it uses.</summary>
/// <param name="ERank">exp of the entropy of the normalised singular values (Roy and Vetterli, 2007).</param>
/// <param name="Saturation">eRank / min(N, d): 1 when every direction carries the same energy, 1 / min(N, d) at rank 1.</param>
/// <param name="Samples">N, rows of the matrix.</param>
/// <param name="Dim">d, columns of the matrix.</param>
public readonly record struct EffectiveRank(double ERank, double Saturation, long Samples, long Dim)
{
    /// <summary>Singular values at or below this are numerical noise (GRACE's <c>erank_saturation</c>).</summary>
    public const double NoiseFloor = 1e-5;

    /// <summary>
    /// GRACE's assessment (models/grace.py, <c>erank_saturation</c>): centre the N x d features, take their singular
    /// values s, drop those &lt;= 1e-5, p = s / sum(s), eRank = exp(-sum p log p), saturation = eRank / min(N, d).
    /// Computed in float64; a matrix with no singular value above the floor has eRank and saturation 0, as GRACE.
    /// </summary>
    public static EffectiveRank Of(Tensor features)
    {
        if (features.dim() != 2) throw new ArgumentException($"features must be N x d, got [{string.Join(", ", features.shape)}]");
        using var _ = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var (n, d) = (features.size(0), features.size(1));
        var z = features.to(ScalarType.Float64);
        z = z - z.mean(0, keepdim: true);
        var s = torch.linalg.svdvals(z);
        s = s.masked_select(s.gt(NoiseFloor));
        if (s.numel() == 0) return new EffectiveRank(0, 0, n, d);
        var p = s / s.sum();
        // GRACE adds 1e-12 inside the log; kept so equal inputs give equal results.
        var entropy = -(p * (p + 1e-12).log()).sum().item();
        var erank = Math.Exp(entropy);
        return new EffectiveRank(erank, erank / Math.Min(n, d), n, d);
    }
}
