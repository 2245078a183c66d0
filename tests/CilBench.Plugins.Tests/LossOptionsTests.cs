using CilBench.Core.Results;
using CilBench.Plugins.ICaRL;
using CilBench.Plugins.WA;

namespace CilBench.Plugins.Tests;

/// <summary>
/// The alternative losses (iCaRL's original BCE, PyCIL's earlier WA loss) reach the learner, pass the restart audit and
/// keep old classes: the thresholds are far above finetune's (40% average incremental, 20% last on fmnist-quick).
/// </summary>
public class LossOptionsTests
{
    // The paper's iCaRL classifies by nearest mean of exemplars; its logits train slowly under the averaged BCE.
    [FashionMnistFact]
    public void ICaRLLearnsWithThePapersBinaryLoss() =>
        AssertKeepsOldClasses(PluginHarness.Run(new ICaRLMethod(), Protocol("""{ "icarl": { "loss": "bce" } }""")), "bce", "nme");

    [FashionMnistFact]
    public void WALearnsWithPyCilsEarlierLoss() =>
        AssertKeepsOldClasses(PluginHarness.Run(new WAMethod(), Protocol("""{ "wa": { "loss": "ce+2kd" } }""")), "ce+2kd", "cnn");

    private static string Protocol(string methods) => PluginHarness.FashionMnistProtocol(trainPerClass: 150, testPerClass: 50, methods: methods);

    private static void AssertKeepsOldClasses(RunResult result, string loss, string head)
    {
        Assert.Equal(loss, result.Method.HyperParameters["loss"]!.GetValue<string>());
        var summary = result.Summary[head];
        Assert.True(summary.AverageIncrementalAccuracy >= 50 && summary.LastAccuracy >= 40,
            $"{result.Method.Name} ({loss}, {head}): average incremental {summary.AverageIncrementalAccuracy:F2}, last {summary.LastAccuracy:F2}");
    }
}
