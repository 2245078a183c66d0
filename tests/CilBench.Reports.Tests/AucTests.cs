using CilBench.Reports.Aggregation;

namespace CilBench.Reports.Tests;

public class AucTests
{
    [Fact]
    public void Trapezoid_on_irregular_points_in_any_order()
    {
        // (1, 0.5) -> (2, 0.7): 0.6; (2, 0.7) -> (5, 0.4): 3 * 0.55 = 1.65.
        Assert.Equal(2.25, AreaUnderCurve.Trapezoid([(5, 0.4), (1, 0.5), (2, 0.7)]), 12);
    }

    [Fact]
    public void Trapezoid_needs_two_points() =>
        Assert.Throws<ArgumentException>(() => AreaUnderCurve.Trapezoid([(1, 0.5)]));

    [Fact]
    public void Auc_over_the_budget_ladder_matches_a_hand_computed_trapezoid()
    {
        using var results = SyntheticResults.Standard();
        var toy = ReportBuilder.Build(results.Root).Protocols[0];

        // replay at 1, 2, 4 MB: AIA 71, 76, 81 %, last 61, 66, 71 %.
        // AUC-A = 1 * (0.71 + 0.76) / 2 + 2 * (0.76 + 0.81) / 2 = 0.735 + 1.57 = 2.305
        // AUC-L = 1 * (0.61 + 0.66) / 2 + 2 * (0.66 + 0.71) / 2 = 0.635 + 1.37 = 2.005
        var replay = toy.Method("replay")!.AucOf("cnn")!;
        Assert.Equal(2.305, replay.AucA, 10);
        Assert.Equal(2.005, replay.AucL, 10);
        Assert.Equal((1.0, 4.0, 3), (replay.FromMegabytes, replay.ToMegabytes, replay.Points));

        // nme is cnn - 1: AIA 70, 75, 80 %.
        Assert.Equal(0.725 + 1.55, toy.Method("replay")!.AucOf("nme")!.AucA, 10);

        var finetune = toy.Method("finetune")!.AucOf("cnn")!;
        Assert.Equal(2.005, finetune.AucA, 10);
        Assert.Equal(0.535 + 1.17, finetune.AucL, 10);
    }

    [Fact]
    public void A_method_with_one_budget_point_has_no_auc()
    {
        using var results = SyntheticResults.Standard();

        Assert.Empty(ReportBuilder.Build(results.Root).Protocols[0].Method("joint")!.Auc);
    }
}
