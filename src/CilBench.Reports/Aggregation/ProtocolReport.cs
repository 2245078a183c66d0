using CilBench.Core.Protocols;
using CilBench.Reports.Leaderboards;

namespace CilBench.Reports.Aggregation;

/// <summary>
/// Every method run on one protocol, ranked: the budget ladder, the methods in leaderboard order, the leaderboard, and
/// the protocol files the runs name and their SHA-256: more than one hash means the protocol changed between runs.
/// </summary>
public sealed record ProtocolReport(
    string Name,
    string Dataset,
    string Policy,
    int Tasks,
    IReadOnlyList<LadderPoint> Budgets,
    IReadOnlyList<MethodReport> Methods,
    Leaderboard Leaderboard,
    IReadOnlyList<string> ProtocolSha256,
    IReadOnlyList<string> ProtocolFiles)
{
    public MethodReport? Method(string name) => Methods.FirstOrDefault(m => m.Name == name);

    /// <summary>Every record of every method (ladder order within a method).</summary>
    public IEnumerable<CellRecord> Records => Methods.SelectMany(m => m.Records);

    public static ProtocolReport Of(string name, IReadOnlyList<LoadedRun> runs, IReadOnlyList<FailedCell> failures)
    {
        var keys = runs.Select(r => (Method: r.Result.Method.Name, Budget: r.Result.Budget.Name))
            .Concat(failures.Select(f => (f.Method, f.Budget)))
            .Distinct()
            .OrderBy(k => k.Method, StringComparer.Ordinal).ThenBy(k => k.Budget, StringComparer.Ordinal);
        var records = keys.Select(k => CellRecord.Of(k.Method, k.Budget,
                runs.Where(r => r.Result.Method.Name == k.Method && r.Result.Budget.Name == k.Budget).OrderBy(r => r.Result.Seed).ToList(),
                failures.Where(f => f.Method == k.Method && f.Budget == k.Budget).OrderBy(f => f.Seed).ToList()))
            .ToList();
        var ladder = Ladder(records, runs);
        var position = ladder.Select((p, i) => (p.Name, i)).ToDictionary();
        var methods = records
            .GroupBy(r => r.Method)
            .Select(g => MethodReport.Of(g.OrderBy(r => position[r.Budget]).ToList()))
            .ToList();
        var board = Leaderboard.Of(ladder, methods);
        var first = runs.FirstOrDefault()?.Result.Protocol;
        return new ProtocolReport(
            name, first?.Dataset.Name ?? "unknown", first?.Policy ?? "unknown", first?.Tasks.Count ?? 0, ladder,
            board.Rows.Select(row => methods.First(m => m.Name == row.Method)).ToList(), board,
            runs.Select(r => r.Result.Protocol.Sha256).Distinct().Order(StringComparer.Ordinal).ToList(),
            runs.Select(r => r.Result.Protocol.File).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList());
    }

    // From the smallest memory to the largest: a point's byte budget where it has one, else the mean measured memory of
    // the cells there (which varies by method); a point only failed cells name comes last.
    private static List<LadderPoint> Ladder(List<CellRecord> records, IReadOnlyList<LoadedRun> runs) =>
        records.GroupBy(r => r.Budget)
            .Select(g =>
            {
                var budget = runs.FirstOrDefault(r => r.Result.Budget.Name == g.Key)?.Result.Budget;
                var cells = g.SelectMany(r => r.Aggregate is { } a ? [a] : r.Variants).ToList();
                double? megabytes = budget is { Bytes: long b, Policy: "budget" or "exemplars" } ? b / BudgetPoint.BytesPerMegabyte
                    : cells.Count > 0 ? cells.Average(c => c.MemoryMegabytes) : null;
                return new LadderPoint(g.Key, budget?.Policy ?? "unknown", budget?.Bytes, megabytes);
            })
            .OrderBy(p => p.Megabytes ?? double.PositiveInfinity).ThenBy(p => p.Name, StringComparer.Ordinal)
            .ToList();
}
