using MathNet.Numerics.Statistics;

namespace CilBench.Reports.Aggregation;

/// <summary>
/// Mean and sample standard deviation (n - 1) of one figure over the seeds of a cell. Std is null for a single seed:
/// one value has no spread, and 0 would claim it has.
/// </summary>
public sealed record Stat(double Mean, double? Std, int Count)
{
    public static Stat Of(IEnumerable<double> values)
    {
        var xs = values.ToArray();
        if (xs.Length == 0) throw new ArgumentException("no values to aggregate", nameof(values));
        return new Stat(xs.Mean(), xs.Length > 1 ? xs.StandardDeviation() : null, xs.Length);
    }
}
