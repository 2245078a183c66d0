using CilBench.Reports.Aggregation;
using CilBench.Reports.Statistics;

namespace CilBench.Reports.Leaderboards;

/// <summary>
/// One protocol's leaderboard: rows are methods, columns the budget ladder. On an aligned ladder (every point a byte
/// budget, two or more points) methods are ranked by AUC-A over the whole ladder, and only those whose usable cells
/// cover it: an area over a narrower memory range does not compare. Otherwise (measured memory, one point, or no method
/// covering the ladder) by average incremental accuracy at the largest budget point the most methods have a usable
/// cell at. A method left out says why (<see cref="LeaderboardRow.NotRanked"/>). Rank marks are compact letters over
/// Welch's t-test on the per-seed figure ranked. Reference methods come last, unranked: they are outside the budget.
/// </summary>
public sealed record Leaderboard(
    RankingBasis RankedBy,
    string? RankingBudget,
    double? FromMegabytes,
    double? ToMegabytes,
    IReadOnlyList<LadderPoint> Columns,
    IReadOnlyList<LeaderboardRow> Rows)
{
    public static Leaderboard Of(IReadOnlyList<LadderPoint> ladder, IReadOnlyList<MethodReport> methods)
    {
        var candidates = methods.Where(m => !m.Reference).OrderBy(m => m.Name, StringComparer.Ordinal).ToList();
        var byAuc = ladder.Count >= 2 && ladder.All(p => p.Aligned)
            ? candidates.Where(m => ladder.All(p => m.Record(p.Name)?.Usable == true) && m.AucOf(m.PrimaryHead) is not null).ToList()
            : [];
        var (from, to) = (ladder.FirstOrDefault()?.Megabytes, ladder.LastOrDefault()?.Megabytes);

        RankingBasis basis;
        LadderPoint? point = null;
        List<(MethodReport Method, IReadOnlyList<double> Samples, double Score)> ranked;
        if (byAuc.Count > 0)
        {
            basis = RankingBasis.AucA;
            ranked = byAuc.Select(m => (m, SeedAucs(m), m.AucOf(m.PrimaryHead)!.AucA)).ToList();
        }
        else
        {
            point = ladder.Select((p, i) => (p, i, n: candidates.Count(m => m.Record(p.Name)?.Usable == true)))
                .Where(x => x.n > 0).OrderByDescending(x => x.n).ThenByDescending(x => x.i).Select(x => x.p).FirstOrDefault();
            basis = point is null ? RankingBasis.None : RankingBasis.AverageIncrementalAccuracy;
            ranked = point is null ? [] : candidates.Where(m => m.Record(point.Name)?.Usable == true)
                .Select(m => (m, SeedAias(m, point.Name), m.Cell(point.Name)!.Head(m.PrimaryHead)?.AverageIncrementalAccuracy.Mean ?? double.NegativeInfinity))
                .ToList();
        }
        ranked = ranked.OrderByDescending(x => x.Score).ThenBy(x => x.Method.Name, StringComparer.Ordinal).ToList();
        var marks = CompactLetters.Of(ranked.Count, (i, j) => WelchTest.Separable(ranked[i].Samples, ranked[j].Samples));

        var rows = ranked.Select((x, i) => Row(x.Method, i + 1, marks[i], ladder, null))
            .Concat(candidates.Where(m => ranked.All(x => x.Method != m))
                .Select(m => Row(m, null, null, ladder, basis == RankingBasis.AucA ? WhyNotByAuc(m, ladder, from, to) : WhyNotAt(m, point))))
            .Concat(methods.Where(m => m.Reference).OrderBy(m => m.Name, StringComparer.Ordinal).Select(m => Row(m, null, null, ladder, null)))
            .ToList();
        return new Leaderboard(basis, point?.Name, basis == RankingBasis.AucA ? from : null, basis == RankingBasis.AucA ? to : null, ladder, rows);
    }

    /// <summary>AUC-A of each seed present at every point (its own AIA curve over the ladder), for the test between methods.</summary>
    private static IReadOnlyList<double> SeedAucs(MethodReport m)
    {
        var cells = m.Cells;
        var head = m.PrimaryHead;
        var seeds = cells.Skip(1).Aggregate((IEnumerable<int>)cells[0].Seeds, (s, c) => s.Intersect(c.Seeds)).Order().ToList();
        return seeds.Select(seed => AreaUnderCurve.Trapezoid(cells.Select(c =>
            (c.MemoryMegabytes, c.Run(seed).Result.Summary[head].AverageIncrementalAccuracy / 100)))).ToList();
    }

    private static IReadOnlyList<double> SeedAias(MethodReport m, string budget) =>
        m.Cell(budget)!.Runs.Select(r => r.Result.Summary[m.PrimaryHead].AverageIncrementalAccuracy).ToList();

    private static string WhyNotByAuc(MethodReport m, IReadOnlyList<LadderPoint> ladder, double? from, double? to)
    {
        var gaps = ladder.Select(p => m.Record(p.Name) is { } r ? r.Usable ? null : $"at {p.Name}: {Problems(r)}" : $"no result at {p.Name}")
            .OfType<string>().ToList();
        var auc = m.AucOf(m.PrimaryHead);
        var ladderRange = $"{Numbers.Fixed(from ?? 0)}–{Numbers.Fixed(to ?? 0)} MB";
        var why = auc is null ? "no area over the ladder (fewer than two usable points)"
            : auc.FromMegabytes == from && auc.ToMegabytes == to ? $"its area over {ladderRange} would skip a point of the ladder"
            : $"its usable points cover {Numbers.Fixed(auc.FromMegabytes)}–{Numbers.Fixed(auc.ToMegabytes)} MB, not the ladder's {ladderRange}";
        return $"{why} ({string.Join("; ", gaps)})";
    }

    private static string WhyNotAt(MethodReport m, LadderPoint? point) =>
        point is null ? "no budget point has a usable result"
        : m.Record(point.Name) is { } r ? $"at {point.Name}, where the others are ranked: {Problems(r)}"
        : $"no result at {point.Name}, where the others are ranked";

    private static string Problems(CellRecord r) => r.Problems.Count == 0 ? "no averaged result"
        : string.Join("; ", r.Problems.Select(p => $"{Kind(p.Kind)} ({(p.Seeds.Count == 1 ? "seed" : "seeds")} {string.Join(", ", p.Seeds)}): {p.Detail}"));

    public static string Kind(ProblemKind kind) => kind switch
    {
        ProblemKind.Failed => "failed",
        ProblemKind.OverBudget => "over budget",
        ProblemKind.Diverged => "diverged",
        _ => "fingerprint mismatch",
    };

    private static LeaderboardRow Row(MethodReport m, int? rank, string? mark, IReadOnlyList<LadderPoint> ladder, string? notRanked)
    {
        var head = m.PrimaryHead;
        var cells = ladder.Select(p => m.Cell(p.Name) is { } c && c.Head(head) is { } h
            ? new LeaderboardCell(h.AverageIncrementalAccuracy, h.LastAccuracy, c.MemoryMegabytes, c.Seeds.Count)
            : null).ToList();
        var auc = m.AucOf(head);
        return new LeaderboardRow(rank, mark, m.Name, m.Reference, head, cells, auc?.AucA, auc?.AucL, auc?.FromMegabytes, auc?.ToMegabytes, notRanked);
    }

    /// <summary>The leaderboard as strings: rank, mark, method, AIA and last accuracy (mean ± std, %) per budget point, AUC-A, AUC-L, why not ranked.</summary>
    public TextTable ToTable()
    {
        var header = new List<string> { "Rank", "Mark", "Method" };
        foreach (var p in Columns) header.AddRange([$"{p.Name} AIA", $"{p.Name} last"]);
        header.AddRange(["AUC-A", "AUC-L", "Not ranked because"]);
        var rows = Rows.Select(r =>
        {
            var row = new List<string> { r.Rank?.ToString(Numbers.Culture) ?? "", r.Mark ?? "", r.Reference ? $"{r.Method} (reference, outside budget)" : r.Method };
            foreach (var c in r.Cells)
                row.AddRange(c is null ? [Numbers.Missing, Numbers.Missing] : [Numbers.MeanStd(c.AverageIncrementalAccuracy), Numbers.MeanStd(c.LastAccuracy)]);
            row.Add(r.AucA is double a ? Numbers.Fixed(a, 3) : Numbers.Missing);
            row.Add(r.AucL is double l ? Numbers.Fixed(l, 3) : Numbers.Missing);
            row.Add(r.NotRanked ?? "");
            return (IReadOnlyList<string>)row;
        }).ToList();
        return new TextTable(header, rows);
    }

    /// <summary>One line saying what the ranks compare and what the marks mean.</summary>
    public string RankingNote => RankedBy switch
    {
        RankingBasis.AucA =>
            $"Ranked by AUC-A (primary head) over the whole ladder, {Numbers.Fixed(FromMegabytes ?? 0)}–{Numbers.Fixed(ToMegabytes ?? 0)} MB. {MarkNote("AUC-A")}",
        RankingBasis.AverageIncrementalAccuracy =>
            $"Ranked by average incremental accuracy at budget point '{RankingBudget}', the largest where the most methods have a usable result. {MarkNote("AIA")}",
        _ => "Not ranked: no budget point has a usable result.",
    };

    private static string MarkNote(string figure) =>
        $"Methods sharing a mark letter are not separable: Welch's t-test on per-seed {figure}, p ≥ 0.05 (one seed cannot separate).";
}
