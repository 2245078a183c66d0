using CilBench.Core.Results;
using CilBench.Torch;

namespace CilBench.Plugins.Tests;

/// <summary>
/// iCaRL and WA end to end through the harness on a Split Fashion-MNIST subset (every stage passes the restart audit,
/// NME class means included): both keep what finetune forgets, and WA's aligning balances the classifier.
/// </summary>
public class DistillationMethodsTests(DistillationRuns runs) : IClassFixture<DistillationRuns>
{
    [FashionMnistFact]
    public void ICaRLBeatsFinetuneByFifteenPoints() => AssertBeatsFinetune(runs.ICaRL.Result);

    [FashionMnistFact]
    public void WABeatsFinetuneByFifteenPoints() => AssertBeatsFinetune(runs.WA.Result);

    [FashionMnistFact]
    public void WAAlignsNewAndOldClassifierNormsAndICaRLDoesNot()
    {
        var wa = NewToOldNormRatio(runs.WA.State);
        var icarl = NewToOldNormRatio(runs.ICaRL.State);
        Assert.InRange(wa, 0.95, 1.05);
        Assert.True(Math.Abs(wa - 1) < Math.Abs(icarl - 1), $"WA's new/old norm ratio {wa:F4} should be closer to 1 than iCaRL's {icarl:F4}");
        // One aligning per incremental task, reported as a stage event.
        Assert.All(runs.WA.Result.Stages.Skip(1), s => Assert.Single(s.Events, e => e.Kind == "weight-aligning"));
    }

    [FashionMnistFact]
    public void ClassMeansAreReportedAndCountedAsBuffers()
    {
        foreach (var (result, state) in new[] { runs.ICaRL, runs.WA })
        {
            Assert.Equal(["cnn", "nme"], result.Summary.Keys);
            var means = state["class_means"];
            Assert.Equal(result.Stages[^1].ClassesSeen, means.size(0));
            // Each task adds two classes, so two means of float32 features to the buffer bytes.
            var perTask = 2 * means.size(1) * sizeof(float);
            for (var t = 1; t < result.Stages.Count; t++)
                Assert.Equal(perTask, result.Stages[t].Memory.BufferBytes - result.Stages[t - 1].Memory.BufferBytes);
        }
    }

    private void AssertBeatsFinetune(RunResult method)
    {
        var ft = runs.Finetune.Summary["cnn"].AverageIncrementalAccuracy;
        var aia = method.Summary["cnn"].AverageIncrementalAccuracy;
        Assert.True(aia >= ft + 15, $"{method.Method.Name} {aia:F2} should beat finetune {ft:F2} by 15 points");
    }

    /// <summary>Mean L2 norm of the last task's classifier rows over that of the older rows.</summary>
    private static double NewToOldNormRatio(Dictionary<string, Tensor> state)
    {
        using var scope = torch.NewDisposeScope();
        var norms = state["fc.weight"].norm(2, 1);
        var classes = norms.size(0);
        return norms.narrow(0, classes - 2, 2).mean().item() / norms.narrow(0, 0, classes - 2).mean().item();
    }
}
