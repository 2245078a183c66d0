using CilBench.Reports.Aggregation;

namespace CilBench.Reports.Leaderboards;

/// <summary>
/// One protocol's leaderboard: rows are methods, columns the budget ladder. Ranked by AUC-A when every ranked method
/// has one over the same budget points (areas over different memory ranges do not compare); otherwise by average
/// incremental accuracy at the largest budget point all ranked methods ran (<see cref="RankingBudget"/>); otherwise
/// not ranked. Reference methods come last, unranked: they are outside the budget.
/// </summary>
public sealed record Leaderboard(RankingBasis RankedBy, string? RankingBudget, IReadOnlyList<LadderPoint> Columns, IReadOnlyList<LeaderboardRow> Rows)
{
    public static Leaderboard Of(IReadOnlyList<LadderPoint> ladder, IReadOnlyList<MethodReport> methods)
    {
        var ranked = methods.Where(m => !m.Reference).ToList();
        var (basis, budget, score) = Basis(ladder, ranked);
        var byName = StringComparer.Ordinal;
        var order = basis == RankingBasis.None
            ? ranked.OrderBy(m => m.Name, byName)
            : ranked.OrderByDescending(score).ThenBy(m => m.Name, byName);
        var rows = order.Select((m, i) => Row(m, basis == RankingBasis.None ? null : i + 1, ladder))
            .Concat(methods.Where(m => m.Reference).OrderBy(m => m.Name, byName).Select(m => Row(m, null, ladder)))
            .ToList();
        return new Leaderboard(basis, budget, ladder, rows);
    }

    private static (RankingBasis, string?, Func<MethodReport, double>) Basis(IReadOnlyList<LadderPoint> ladder, List<MethodReport> ranked)
    {
        if (ranked.Count == 0) return (RankingBasis.None, null, _ => 0);
        var budgets = ranked[0].Cells.Select(c => c.Budget.Name).ToList();
        if (ranked.All(m => m.AucOf(m.PrimaryHead) is not null && m.Cells.Select(c => c.Budget.Name).SequenceEqual(budgets)))
            return (RankingBasis.AucA, null, m => m.AucOf(m.PrimaryHead)!.AucA);
        var common = ladder.LastOrDefault(p => ranked.All(m => m.Cell(p.Name) is not null));
        if (common is null) return (RankingBasis.None, null, _ => 0);
        return (RankingBasis.AverageIncrementalAccuracy, common.Name,
            m => m.Cell(common.Name)!.Head(m.PrimaryHead)?.AverageIncrementalAccuracy.Mean ?? double.NegativeInfinity);
    }

    private static LeaderboardRow Row(MethodReport m, int? rank, IReadOnlyList<LadderPoint> ladder)
    {
        var head = m.PrimaryHead;
        var cells = ladder.Select(p => m.Cell(p.Name) is { } c && c.Head(head) is { } h
            ? new LeaderboardCell(h.AverageIncrementalAccuracy, h.LastAccuracy, c.MemoryMegabytes, c.Seeds.Count)
            : null).ToList();
        var auc = m.AucOf(head);
        return new LeaderboardRow(rank, m.Name, m.Reference, head, cells, auc?.AucA, auc?.AucL);
    }

    /// <summary>The leaderboard as strings: rank, method, AIA and last accuracy (mean ± std, %) per budget point, AUC-A, AUC-L.</summary>
    public TextTable ToTable()
    {
        var header = new List<string> { "Rank", "Method" };
        foreach (var p in Columns) header.AddRange([$"{p.Name} AIA", $"{p.Name} last"]);
        header.AddRange(["AUC-A", "AUC-L"]);
        var rows = Rows.Select(r =>
        {
            var row = new List<string> { r.Rank?.ToString(Numbers.Culture) ?? "", r.Reference ? $"{r.Method} (reference, outside budget)" : r.Method };
            foreach (var c in r.Cells)
                row.AddRange(c is null ? [Numbers.Missing, Numbers.Missing] : [Numbers.MeanStd(c.AverageIncrementalAccuracy), Numbers.MeanStd(c.LastAccuracy)]);
            row.Add(r.AucA is double a ? Numbers.Fixed(a, 3) : Numbers.Missing);
            row.Add(r.AucL is double l ? Numbers.Fixed(l, 3) : Numbers.Missing);
            return (IReadOnlyList<string>)row;
        }).ToList();
        return new TextTable(header, rows);
    }

    /// <summary>One line saying what the ranks compare.</summary>
    public string RankingNote => RankedBy switch
    {
        RankingBasis.AucA => "Ranked by AUC-A (primary head), over the same budget points for every method.",
        RankingBasis.AverageIncrementalAccuracy => $"Ranked by average incremental accuracy at budget point '{RankingBudget}', the largest every method ran.",
        _ => "Not ranked: no budget point is common to every method.",
    };
}
