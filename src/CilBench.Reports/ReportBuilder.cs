using CilBench.Reports.Aggregation;

namespace CilBench.Reports;

/// <summary>The entry point: a results directory in, a <see cref="Report"/> out.</summary>
public static class ReportBuilder
{
    /// <exception cref="ReportException">A result or failure file cannot be read or aggregated; the message names it.</exception>
    public static Report Build(string resultsDir)
    {
        var scan = ResultDirectory.Read(resultsDir);
        var protocols = scan.Runs
            .GroupBy(r => r.Result.Protocol.Name)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => ProtocolReport.Of(g.ToList()))
            .ToList();
        return new Report(Path.GetFullPath(resultsDir), protocols, scan.Failures);
    }
}
