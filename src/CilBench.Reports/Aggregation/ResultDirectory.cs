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

    public static ResultScan Read(string dir)
    {
        if (!Directory.Exists(dir)) throw new DirectoryNotFoundException($"results directory '{dir}' does not exist");
        var runs = new List<LoadedRun>();
        var failures = new List<FailedCell>();
        foreach (var file in JsonFiles(dir).Order(StringComparer.Ordinal))
        {
            var match = CellFile().Match(Path.GetFileName(file));
            if (!match.Success) continue;
            var seed = int.Parse(match.Groups["seed"].Value);
            if (!match.Groups["failed"].Success) runs.Add(new LoadedRun(file, ReadRun(file)));
            // A result beside a failure record means a later attempt succeeded; the record is stale.
            else if (!File.Exists(ResultPathOf(file))) failures.Add(ReadFailure(file, seed));
        }
        CheckUnique(runs);
        return new ResultScan(runs, failures);
    }

    // Checkpoint folders hold a cell's intermediate state, not results.
    private static IEnumerable<string> JsonFiles(string dir) =>
        Directory.EnumerateFiles(dir, "*.json").Concat(
            Directory.EnumerateDirectories(dir)
                .Where(d => !d.EndsWith(".checkpoint", StringComparison.Ordinal))
                .SelectMany(JsonFiles));

    private static string ResultPathOf(string failurePath) => failurePath[..^".failed.json".Length] + ".json";

    private static RunResult ReadRun(string file)
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
        return result;
    }

    private static FailedCell ReadFailure(string file, int seed)
    {
        CellFailure failure;
        try
        {
            failure = JsonSerializer.Deserialize<CellFailure>(File.ReadAllBytes(file), ResultJson.Options)
                ?? throw new FormatException("the file holds null");
            if (failure.Cell is null || failure.Reason is null) throw new FormatException("it has no cell or no reason");
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
