using CilBench.Reports.Leaderboards;

namespace CilBench.Reports.Aggregation;

/// <summary>Every method run on one protocol, ranked: the budget ladder, the methods in leaderboard order, the leaderboard.</summary>
public sealed record ProtocolReport(
    string Name,
    string Dataset,
    string Policy,
    int Tasks,
    IReadOnlyList<LadderPoint> Budgets,
    IReadOnlyList<MethodReport> Methods,
    Leaderboard Leaderboard)
{
    public MethodReport? Method(string name) => Methods.FirstOrDefault(m => m.Name == name);

    public static ProtocolReport Of(IReadOnlyList<LoadedRun> runs)
    {
        var cells = runs
            .GroupBy(r => (r.Result.Method.Name, r.Result.Budget.Name))
            .Select(g => CellAggregate.Of(g.OrderBy(r => r.Result.Seed).ToList()))
            .ToList();
        // The ladder runs from the smallest memory to the largest; measured totals vary by method, so take the mean.
        var ladder = cells
            .GroupBy(c => c.Budget.Name)
            .OrderBy(g => g.Average(c => c.MemoryMegabytes)).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new LadderPoint(g.Key, g.First().Budget.Policy, g.First().Budget.Bytes))
            .ToList();
        var position = ladder.Select((p, i) => (p.Name, i)).ToDictionary();
        var methods = cells
            .GroupBy(c => c.Method)
            .Select(g => MethodReport.Of(g.OrderBy(c => position[c.Budget.Name]).ToList()))
            .ToList();
        var board = Leaderboard.Of(ladder, methods);
        var first = runs[0].Result.Protocol;
        return new ProtocolReport(
            first.Name, first.Dataset.Name, first.Policy, first.Tasks.Count, ladder,
            board.Rows.Select(row => methods.First(m => m.Name == row.Method)).ToList(), board);
    }
}
