using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;

namespace CilBench.Reports.Statistics;

/// <summary>
/// Welch's unequal-variances t-test, two-sided: are two methods' figures over seeds separable? Welch rather than
/// Student because methods differ in how much they vary with the seed.
/// </summary>
public static class WelchTest
{
    public const double Alpha = 0.05;

    /// <summary>The two-sided p-value; null when a sample has fewer than two values (one seed has no spread to test against).</summary>
    public static double? PValue(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        if (a.Count < 2 || b.Count < 2) return null;
        var (meanA, varA, meanB, varB) = (a.Mean(), a.Variance(), b.Mean(), b.Variance());
        var (sa, sb) = (varA / a.Count, varB / b.Count);
        var se2 = sa + sb;
        // Both samples constant: the means either coincide or differ beyond any doubt.
        if (se2 == 0) return meanA == meanB ? 1 : 0;
        var t = (meanA - meanB) / Math.Sqrt(se2);
        var df = se2 * se2 / (sa * sa / (a.Count - 1) + sb * sb / (b.Count - 1));
        return 2 * StudentT.CDF(0, 1, df, -Math.Abs(t));
    }

    /// <summary>True when the test tells the samples apart (p &lt; 0.05); never with fewer than two values a side.</summary>
    public static bool Separable(IReadOnlyList<double> a, IReadOnlyList<double> b) => PValue(a, b) is double p && p < Alpha;
}
