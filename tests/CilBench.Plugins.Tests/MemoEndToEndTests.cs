using CilBench.Plugins.Memo;

namespace CilBench.Plugins.Tests;

/// <summary>MEMO through the harness on a tiny Split Fashion-MNIST run under the aligned `budget` policy.</summary>
public class MemoEndToEndTests
{
    private const string Recipe = """{ "backbone": "resnet8", "initEpochs": 1, "initMilestones": [1], "epochs": 1, "milestones": [1], "batchSize": 64 }""";
    private const long Budget = 1_572_864; // 1.5 MB

    [FashionMnistFact]
    public void EachTaskAddsOneBlockTheOldBlocksStayFrozenAndTheBudgetHolds()
    {
        using var snapshots = new StateSnapshots(new MemoMethod());
        var result = PluginHarness.Run(snapshots, PluginHarness.FashionMnistProtocol(trainPerClass: 40, testPerClass: 10,
            memory: """{ "policy": "budget", "points": [ { "name": "b1.5", "megabytes": 1.5 } ] }""", recipe: Recipe));

        Assert.Equal(5, result.Stages.Count);
        foreach (var stage in result.Stages)
        {
            // ResNet8 on one channel: 18,800 shared parameters, 55,552 per specialized block, float32.
            Assert.Equal((18_800 + (stage.Task + 1) * 55_552L) * 4, stage.Memory.BackboneParameterBytes);
            Assert.InRange(stage.Memory.TotalBytes, 1, Budget);
            Assert.True(stage.Memory.Exemplars > 0, $"stage {stage.Task} kept no exemplars");
            Assert.Equal(stage.Task + 1, snapshots.Infos[stage.Task]["blocks"]!.GetValue<int>());
        }
        // The model grows, so the exemplars it may keep shrink (the capacity is recomputed from the measured state).
        var capacities = result.Stages.Select(s => s.Memory.Capacity).ToList();
        Assert.Equal(capacities.OrderDescending(), capacities);
        Assert.Equal(4, result.Stages.Count(s => s.Events.Any(e => e.Kind == "weight-aligning")));

        // Block t, once its task is over, is bit-identical at every later stage: parameters and BN statistics.
        for (var t = 0; t < 4; t++)
        {
            var prefix = $"AdaptiveExtractors.{t}.";
            var frozen = snapshots.Tensors[t].Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(frozen);
            for (var later = t + 1; later < 5; later++)
                Assert.All(frozen, kv => Assert.True(kv.Value.equal(snapshots.Tensors[later][kv.Key]), $"{kv.Key} changed in task {later}"));
        }
        // train_base: the shared generalized part keeps learning.
        const string shared = "TaskAgnosticExtractor.conv_1_3x3.weight";
        Assert.False(snapshots.Tensors[0][shared].equal(snapshots.Tensors[1][shared]));
    }
}
