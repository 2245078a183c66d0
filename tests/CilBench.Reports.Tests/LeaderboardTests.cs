using System.Text.Json.Nodes;
using CilBench.Reports.Aggregation;
using CilBench.Reports.Leaderboards;

namespace CilBench.Reports.Tests;

public class LeaderboardTests
{
    [Fact]
    public void Ranks_by_auc_a_with_reference_methods_last_and_unranked()
    {
        using var results = SyntheticResults.Standard();
        var board = ReportBuilder.Build(results.Root).Protocols[0].Leaderboard;

        Assert.Equal(RankingBasis.AucA, board.RankedBy);
        Assert.Equal((1.0, 4.0), (board.FromMegabytes, board.ToMegabytes));
        Assert.Equal(["replay", "finetune", "joint"], board.Rows.Select(r => r.Method));
        Assert.Equal([1, 2, null], board.Rows.Select(r => r.Rank));
        Assert.True(board.Rows[2].Reference);
        Assert.Equal(2.305, board.Rows[0].AucA!.Value, 10);
        Assert.Null(board.Rows[2].AucA);

        // joint ran only at b3.
        Assert.Equal([false, false, true], board.Rows[2].Cells.Select(c => c is not null));
        Assert.Equal(86, board.Rows[2].Cells[2]!.AverageIncrementalAccuracy.Mean, 10);
    }

    [Fact]
    public void Marks_come_from_welchs_test_on_per_seed_auc()
    {
        // Per seed AUC-A: replay 2.275, 2.335; finetune 1.975, 2.035 (AIA 60 + 5k + 2s at 1, 2, 4 MB): t = 7.07, df = 2,
        // p = 0.019, separable. With finetune 0.25 points below replay instead, p is far above 0.05: one letter.
        using var apart = SyntheticResults.Standard();
        Assert.Equal(["a", "b"], ReportBuilder.Build(apart.Root).Protocols[0].Leaderboard.Rows.Take(2).Select(r => r.Mark));

        using var close = new SyntheticResults();
        for (var k = 0; k < 3; k++)
            for (var s = 0; s < 2; s++)
            {
                close.Add("replay", k, s, offset: 0);
                close.Add("finetune", k, s, offset: -0.25);
            }
        Assert.Equal(["a", "a"], ReportBuilder.Build(close.Root).Protocols[0].Leaderboard.Rows.Select(r => r.Mark));
    }

    [Fact]
    public void A_method_whose_ladder_misses_a_point_is_not_ranked_and_says_why()
    {
        using var results = new SyntheticResults();
        for (var s = 0; s < 2; s++)
        {
            for (var k = 0; k < 3; k++) results.Add("finetune", k, s, offset: -10);
            // replay has no b3: its area covers 1-2 MB, finetune's 1-4 MB; the two do not compare.
            for (var k = 0; k < 2; k++) results.Add("replay", k, s, offset: -1);
        }
        var board = ReportBuilder.Build(results.Root).Protocols[0].Leaderboard;

        Assert.Equal(RankingBasis.AucA, board.RankedBy);
        Assert.Equal(["finetune", "replay"], board.Rows.Select(r => r.Method));
        Assert.Equal([1, null], board.Rows.Select(r => r.Rank));
        Assert.Equal("its usable points cover 1.00–2.00 MB, not the ladder's 1.00–4.00 MB (no result at b3)", board.Rows[1].NotRanked);
    }

    [Fact]
    public void Failed_diverged_and_over_budget_cells_unrank_their_method_with_the_reason()
    {
        using var results = new SyntheticResults();
        for (var k = 0; k < 3; k++)
            for (var s = 0; s < 2; s++)
            {
                results.Add("replay", k, s, offset: 0);
                results.Add("finetune", k, s, offset: -10);
                if (!(k == 0 && s == 1)) results.Add("wa", k, s, offset: -5);
                results.Add("icarl", k, s, offset: -2, edit: k == 2 && s == 0 ? OverBudget : null);
                results.Add("memo", k, s, offset: 3, edit: k == 1 && s == 1 ? Diverged : null);
            }
        results.AddFailure("wa", 0, 1, "exit status 2", "error: memory.points[0]: over budget");
        var toy = ReportBuilder.Build(results.Root).Protocols[0];
        var board = toy.Leaderboard;

        Assert.Equal(["replay", "finetune", "icarl", "memo", "wa"], board.Rows.Select(r => r.Method));
        Assert.Equal([1, 2, null, null, null], board.Rows.Select(r => r.Rank));
        Assert.Equal("its usable points cover 1.00–2.00 MB, not the ladder's 1.00–4.00 MB (at b3: over budget (seed 0): over budget at task 2: model grew past the budget)",
            board.Rows[2].NotRanked);
        Assert.Contains("at b2: diverged (seed 1): diverged: 7 non-finite scores, the first at task 1", board.Rows[3].NotRanked);
        Assert.Contains("at b1: failed (seed 1): error: memory.points[0]: over budget", board.Rows[4].NotRanked);

        // Shown, never dropped: the cell keeps its averaged seeds and lists the one left out.
        var memo = toy.Method("memo")!.Record("b2")!;
        Assert.Equal([0], memo.Aggregate!.Seeds);
        Assert.Equal(ProblemKind.Diverged, Assert.Single(memo.Problems).Kind);
        Assert.Equal([(1, "diverged")], memo.AllRuns.Where(x => x.Status != "averaged").Select(x => (x.Run.Result.Seed, x.Status)));
        Assert.Single(toy.Method("wa")!.Record("b1")!.Failures);
    }

    [Fact]
    public void Seeds_whose_fingerprints_differ_beyond_the_seed_are_not_averaged_and_say_what_differs()
    {
        using var results = new SyntheticResults();
        for (var k = 0; k < 3; k++)
            for (var s = 0; s < 3; s++)
                results.Add("replay", k, s, offset: 0, threads: k == 1 && s == 2 ? 2 : 1);
        var record = ReportBuilder.Build(results.Root).Protocols[0].Method("replay")!.Record("b2")!;

        Assert.Null(record.Aggregate);
        Assert.Equal(["0,1", "2"], record.Variants.Select(v => string.Join(",", v.Seeds)));
        var mismatch = Assert.Single(record.Problems);
        Assert.Equal(ProblemKind.Mismatch, mismatch.Kind);
        Assert.Equal("seeds 0, 1 | seed 2 differ in threads (1 | 2); not averaged together", mismatch.Detail);
        Assert.Equal(76, record.Variants[0].Heads[0].AverageIncrementalAccuracy.Mean, 10);
    }

    [Fact]
    public void Text_table_has_a_column_pair_per_budget_point_the_aucs_and_the_reason_a_method_is_not_ranked()
    {
        using var results = SyntheticResults.Standard();
        var table = ReportBuilder.Build(results.Root).Protocols[0].Leaderboard.ToTable();

        Assert.Equal(["Rank", "Mark", "Method", "b1 AIA", "b1 last", "b2 AIA", "b2 last", "b3 AIA", "b3 last", "AUC-A", "AUC-L", "Not ranked because"], table.Header);
        Assert.Equal(["1", "a", "replay", "71.00 ± 1.41", "61.00 ± 1.41", "76.00 ± 1.41", "66.00 ± 1.41", "81.00 ± 1.41", "71.00 ± 1.41", "2.305", "2.005", ""], table.Rows[0]);
        Assert.Equal("joint (reference, outside budget)", table.Rows[2][2]);
        Assert.Equal("—", table.Rows[2][3]);
    }

    private static void OverBudget(JsonObject json)
    {
        json["overBudgetAtTask"] = 2;
        json["overBudgetReason"] = "model grew past the budget";
    }

    private static void Diverged(JsonObject json) => json["stages"]![1]!["nonFiniteScores"] = 7L;
}
