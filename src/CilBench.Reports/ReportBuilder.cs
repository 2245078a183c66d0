using CilBench.Reports.Aggregation;

namespace CilBench.Reports;

/// <summary>The entry point: results directories in, a <see cref="Report"/> out.</summary>
public static class ReportBuilder
{
    /// <exception cref="ReportException">A result or failure file cannot be read or aggregated; the message names it.</exception>
    public static Report Build(string resultsDir) => Build([resultsDir]);

    /// <summary>Runs merged from several directories (many machines); directories are named in the report as given.</summary>
    /// <exception cref="ReportException">A result or failure file cannot be read or aggregated; the message names it.</exception>
    public static Report Build(IReadOnlyList<string> resultsDirs)
    {
        var scan = ResultDirectory.Read(resultsDirs);
        var protocols = scan.Runs.Select(r => r.Result.Protocol.Name).Concat(scan.Failures.Select(f => f.Protocol))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .Select(name => ProtocolReport.Of(name,
                scan.Runs.Where(r => r.Result.Protocol.Name == name).ToList(),
                scan.Failures.Where(f => f.Protocol == name).ToList()))
            .ToList();
        return new Report(resultsDirs, protocols, scan.Failures);
    }
}
