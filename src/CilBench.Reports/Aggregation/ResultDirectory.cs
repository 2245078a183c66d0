using System.Text.Json;
using System.Text.RegularExpressions;
using CilBench.Core.Results;
using CilBench.Core.Sweep;

namespace CilBench.Reports.Aggregation;

/// <summary>
/// Reads a results directory laid out as DIR/&lt;protocol&gt;/&lt;method&gt;/&lt;budget&gt;/seed-&lt;S&gt;.json
/// (Core's ResultPaths). A file that cannot be read or aggregated is a <see cref="ReportException"/> naming it:
/// result files are written atomically, so a bad one means something is really wrong, and a report that quietly
/// drops a cell would rank methods on fewer seeds than it claims.
/// </summary>
public static partial class ResultDirectory
{
    [GeneratedRegex(@"^seed-(?<seed>\d+)(?<failed>\.failed)?\.json$")]
    private static partial Regex CellFile();

    /// <summary>
    /// Reads several directories as one (runs merged from many machines); the same cell in two of them is an error, as
    /// within one. Files are read in ordinal path order per directory, directories in the order given.
    /// </summary>
    public static ResultScan Read(IReadOnlyList<string> dirs)
    {
        if (dirs.Count == 0) throw new ArgumentException("no results directory given", nameof(dirs));
        var scans = dirs.Select(ReadOne).ToList();
        var runs = scans.SelectMany(s => s.Runs).ToList();
        CheckUnique(runs);
        // A failure record for a cell another directory has a result for is stale too: a retry elsewhere succeeded.
        var done = runs.Select(r => (r.Result.Protocol.Name, r.Result.Method.Name, r.Result.Budget.Name, r.Result.Seed)).ToHashSet();
        return new ResultScan(runs, scans.SelectMany(s => s.Failures).Where(f => !done.Contains((f.Protocol, f.Method, f.Budget, f.Seed))).ToList());
    }

    public static ResultScan Read(string dir) => Read([dir]);

    private static ResultScan ReadOne(string dir)
    {
        if (!Directory.Exists(dir)) throw new DirectoryNotFoundException($"results directory '{dir}' does not exist");
        var runs = new List<LoadedRun>();
        var failures = new List<FailedCell>();
        foreach (var file in JsonFiles(dir).Order(StringComparer.Ordinal))
        {
            var match = CellFile().Match(Path.GetFileName(file));
            if (!match.Success) continue;
            var seed = int.Parse(match.Groups["seed"].Value);
            if (!match.Groups["failed"].Success) runs.Add(ReadRun(file));
            // A result beside a failure record means a later attempt succeeded; the record is stale.
            else if (!File.Exists(ResultPathOf(file))) failures.Add(ReadFailure(file, seed));
        }
        return new ResultScan(runs, failures);
    }

    // Checkpoint folders hold a cell's intermediate state, not results.
    private static IEnumerable<string> JsonFiles(string dir) =>
        Directory.EnumerateFiles(dir, "*.json").Concat(
            Directory.EnumerateDirectories(dir)
                .Where(d => !d.EndsWith(".checkpoint", StringComparison.Ordinal))
                .SelectMany(JsonFiles));

    private static string ResultPathOf(string failurePath) => failurePath[..^".failed.json".Length] + ".json";

    private static LoadedRun ReadRun(string file)
    {
        RunResult result;
        try
        {
            result = ResultJson.Read(file);
        }
        // Whatever reading this one file throws is about this file; the caller needs its name.
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw ReportException.InFile(file, e);
        }
        if (RunChecks.Problem(result) is { } problem) throw new ReportException(file, problem);
        return new LoadedRun(file, result) { Evidence = RunEvidence.Of(result) };
    }

    private static FailedCell ReadFailure(string file, int seed)
    {
        CellFailure failure;
        try
        {
            failure = CellFailure.Read(file);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new ReportException(file, $"not a valid failed-cell record: {e.Message}", e);
        }
        var budgetDir = Path.GetDirectoryName(file)!;
        var methodDir = Path.GetDirectoryName(budgetDir)!;
        var protocolDir = Path.GetDirectoryName(methodDir)!;
        return new FailedCell(file, Path.GetFileName(protocolDir), Path.GetFileName(methodDir), Path.GetFileName(budgetDir), seed, failure);
    }

    // Two files for one cell (say, two sweeps merged by copying) would count a seed twice.
    private static void CheckUnique(List<LoadedRun> runs)
    {
        var same = runs
            .GroupBy(r => (Protocol: r.Result.Protocol.Name, Method: r.Result.Method.Name, Budget: r.Result.Budget.Name, r.Result.Seed))
            .FirstOrDefault(g => g.Count() > 1);
        if (same is null) return;
        var (protocol, method, budget, seed) = same.Key;
        throw new ReportException(same.First().Path,
            $"the same cell ({protocol} / {method} / {budget} / seed {seed}) is also in {string.Join(", ", same.Skip(1).Select(r => r.Path))}");
    }
}
