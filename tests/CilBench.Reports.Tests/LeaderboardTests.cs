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
    public void Methods_on_different_budget_points_rank_by_aia_at_the_largest_common_one()
    {
        using var results = new SyntheticResults();
        for (var s = 0; s < 2; s++)
        {
            for (var k = 0; k < 3; k++) results.Add("finetune", k, s, offset: -10);
            // replay has no b3, so the two ladders differ and their areas do not compare; at b2 it has 75 against 66.
            for (var k = 0; k < 2; k++) results.Add("replay", k, s, offset: -1);
        }
        var board = ReportBuilder.Build(results.Root).Protocols[0].Leaderboard;

        Assert.Equal(RankingBasis.AverageIncrementalAccuracy, board.RankedBy);
        Assert.Equal("b2", board.RankingBudget);
        Assert.Equal(["replay", "finetune"], board.Rows.Select(r => r.Method));
    }

    [Fact]
    public void Text_table_has_a_column_pair_per_budget_point_and_the_aucs()
    {
        using var results = SyntheticResults.Standard();
        var table = ReportBuilder.Build(results.Root).Protocols[0].Leaderboard.ToTable();

        Assert.Equal(["Rank", "Method", "b1 AIA", "b1 last", "b2 AIA", "b2 last", "b3 AIA", "b3 last", "AUC-A", "AUC-L"], table.Header);
        Assert.Equal(["1", "replay", "71.00 ± 1.41", "61.00 ± 1.41", "76.00 ± 1.41", "66.00 ± 1.41", "81.00 ± 1.41", "71.00 ± 1.41", "2.305", "2.005"], table.Rows[0]);
        Assert.Equal("joint (reference, outside budget)", table.Rows[2][1]);
        Assert.Equal("—", table.Rows[2][2]);
    }
}
