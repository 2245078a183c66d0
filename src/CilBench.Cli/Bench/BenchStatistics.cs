namespace CilBench.Cli.Bench;

/// <summary>The order statistics the benchmarks report, computed as the Python scripts in bench/ compute them.</summary>
internal static class BenchStatistics
{
    /// <summary>Linear interpolation between closest ranks (numpy's default, and the Python scripts'), rounded to 3 decimals.</summary>
    public static double Percentile(IEnumerable<double> values, double q)
    {
        var sorted = values.Order().ToArray();
        var k = (sorted.Length - 1) * q;
        var (lo, hi) = ((int)Math.Floor(k), (int)Math.Ceiling(k));
        return Math.Round(sorted[lo] + (sorted[hi] - sorted[lo]) * (k - lo), 3);
    }
}
