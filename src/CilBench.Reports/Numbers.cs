using System.Globalization;
using CilBench.Core.Protocols;
using CilBench.Reports.Aggregation;

namespace CilBench.Reports;

/// <summary>How every exporter writes numbers: invariant culture, so a report reads the same on every machine.</summary>
internal static class Numbers
{
    public static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    /// <summary>"71.00 ± 1.41"; a single seed has no ±.</summary>
    public static string MeanStd(Stat s, int decimals = 2) =>
        s.Std is double std ? $"{Fixed(s.Mean, decimals)} ± {Fixed(std, decimals)}" : Fixed(s.Mean, decimals);

    public static string Fixed(double value, int decimals = 2) => value.ToString("F" + decimals, Culture);

    public static string Megabytes(double bytes) => Fixed(bytes / BudgetPoint.BytesPerMegabyte);

    /// <summary>Shortest text that reads back to the same double (CSV).</summary>
    public static string RoundTrip(double value) => value.ToString("R", Culture);

    public const string Missing = "—";
}
