using CilBench.Reports.Aggregation;

namespace CilBench.Reports.Tests;

public class AggregationTests
{
    private static readonly double Sqrt2 = Math.Sqrt(2);
    private static readonly double Sqrt50 = Math.Sqrt(50);

    [Fact]
    public void Groups_by_protocol_method_and_budget_and_averages_over_seeds()
    {
        using var results = SyntheticResults.Standard();
        var report = ReportBuilder.Build(results.Root);

        var toy = Assert.Single(report.Protocols);
        Assert.Equal(["b1", "b2", "b3"], toy.Budgets.Select(b => b.Name));
        Assert.Equal(3, toy.Tasks);

        var cell = toy.Method("replay")!.Cell("b1")!;
        Assert.Equal([0, 1], cell.Seeds);
        Assert.Equal(["cnn", "nme"], cell.Heads.Select(h => h.Head));

        // Seeds 0 and 1: d = 0 and 2, so AIA 70 and 72, last 60 and 62.
        var cnn = cell.Heads[0];
        Assert.Equal(71, cnn.AverageIncrementalAccuracy.Mean, 10);
        Assert.Equal(Sqrt2, cnn.AverageIncrementalAccuracy.Std!.Value, 10);
        Assert.Equal(61, cnn.LastAccuracy.Mean, 10);
        Assert.Equal(Sqrt2, cnn.LastAccuracy.Std!.Value, 10);
        Assert.Equal(22.5, cnn.Forgetting.Mean, 10);
        Assert.Equal(0, cnn.Forgetting.Std!.Value, 10);
        Assert.Equal(-22.5, cnn.Bwt.Mean, 10);
        Assert.Equal(81, cnn.AverageTaskAware.Mean, 10);
        Assert.Equal(70, cell.Heads[1].AverageIncrementalAccuracy.Mean, 10);

        // The curve: [80, 70, 60] + 1 on average.
        Assert.Equal([81.0, 71.0, 61.0], cnn.Top1Curve.Select(s => Math.Round(s.Mean, 10)));
        Assert.Equal([2, 4, 6], cell.Stages.Select(s => s.ClassesSeen));

        // Final memory: model 212,000 bytes; exemplars 100 and 110; wall time 100 and 110 s.
        var final = cell.FinalMemory;
        Assert.Equal(212_000, final.ModelBytes.Mean);
        Assert.Equal(0, final.ModelBytes.Std!.Value);
        Assert.Equal(105, final.Exemplars.Mean, 10);
        Assert.Equal(Sqrt50, final.Exemplars.Std!.Value, 10);
        Assert.Equal(105 * 3072.0, final.ExemplarBytes.Mean, 10);
        Assert.Equal(212_000 + 105 * 3072.0, final.TotalBytes.Mean, 10);
        Assert.Equal(105, cell.WallSeconds.Mean, 10);
        Assert.Equal(Sqrt50, cell.WallSeconds.Std!.Value, 10);
    }

    [Fact]
    public void A_budget_point_with_bytes_is_its_memory_figure()
    {
        using var results = SyntheticResults.Standard();
        var cell = ReportBuilder.Build(results.Root).Protocols[0].Method("finetune")!.Cell("b2")!;

        Assert.Equal(MemorySource.BudgetBytes, cell.MemorySource);
        Assert.Equal(2.0, cell.MemoryMegabytes);
    }

    [Fact]
    public void Without_budget_bytes_the_memory_figure_is_the_measured_final_total()
    {
        using var results = new SyntheticResults();
        results.Add("replay", 0, 0, 0, policy: "fixed-total");
        results.Add("replay", 0, 1, 0, policy: "fixed-total");

        var cell = ReportBuilder.Build(results.Root).Protocols[0].Methods[0].Cells[0];

        Assert.Equal(MemorySource.MeasuredTotal, cell.MemorySource);
        Assert.Equal((212_000 + 105 * 3072.0) / (1 << 20), cell.MemoryMegabytes, 12);
    }

    [Fact]
    public void One_seed_has_no_standard_deviation()
    {
        using var results = new SyntheticResults();
        results.Add("replay", 0, 0, 0);

        var head = ReportBuilder.Build(results.Root).Protocols[0].Methods[0].Cells[0].Heads[0];

        Assert.Equal(70, head.AverageIncrementalAccuracy.Mean);
        Assert.Null(head.AverageIncrementalAccuracy.Std);
        Assert.Equal(1, head.AverageIncrementalAccuracy.Count);
    }

    [Fact]
    public void Stat_uses_the_sample_standard_deviation()
    {
        var s = Stat.Of([2, 4, 4, 4, 5, 5, 7, 9]);

        Assert.Equal(5, s.Mean);
        Assert.Equal(Math.Sqrt(32.0 / 7), s.Std!.Value, 12);
    }
}
