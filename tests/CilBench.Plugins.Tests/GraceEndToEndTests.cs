using CilBench.Plugins.Grace;

namespace CilBench.Plugins.Tests;

/// <summary>GRACE through the harness on a tiny Split Fashion-MNIST run under the aligned `budget` policy.</summary>
public class GraceEndToEndTests
{
    private const string Recipe = """{ "backbone": "resnet8", "initEpochs": 1, "initMilestones": [1], "epochs": 1, "milestones": [1], "batchSize": 64 }""";
    private const long Budget = 1_572_864; // 1.5 MB
    private const long BackboneBytes = 74_352 * 4; // ResNet8 on one channel, float32

    /// <summary>
    /// t_base 2 exceeds any saturation (at most 1), so a task after a growing task compresses; t_decay 0 makes the
    /// threshold 0 after a compression, so the next task grows. Backbones after each task: 1, 1 (2 merged), 2,
    /// 2 (3 with the two newest merged), 3; without compression they would be 1, 2, 3, 4, 5.
    /// </summary>
    [FashionMnistFact]
    public void ForcedCompressionMergesTheTwoNewestBackbonesAndShrinksTheModel()
    {
        using var snapshots = new StateSnapshots(new GraceMethod());
        var result = PluginHarness.Run(snapshots, PluginHarness.FashionMnistProtocol(trainPerClass: 40, testPerClass: 10,
            memory: """{ "policy": "budget", "points": [ { "name": "b1.5", "megabytes": 1.5 } ] }""", recipe: Recipe,
            methods: """{ "grace": { "tBase": 2.0, "tDecay": 0.0, "compressEpochs": 1 } }"""));

        int[] backbones = [1, 1, 2, 2, 3];
        string[] next = ["compress", "grow", "compress", "grow", "compress"];
        foreach (var stage in result.Stages)
        {
            Assert.Equal(backbones[stage.Task] * BackboneBytes, stage.Memory.BackboneParameterBytes);
            Assert.InRange(stage.Memory.TotalBytes, 1, Budget);
            Assert.True(stage.Memory.Exemplars > 0, $"stage {stage.Task} kept no exemplars");

            var assess = Assert.Single(stage.Events, e => e.Kind == "assess").Data;
            Assert.Equal(next[stage.Task], assess["next"]!.GetValue<string>());
            Assert.InRange(assess["saturation"]!.GetValue<double>(), 1e-6, 1);
            Assert.Equal(stage.Task is 1 or 3 ? 1 : 0, stage.Events.Count(e => e.Kind == "compress"));
            Assert.Equal(backbones[stage.Task], snapshots.Infos[stage.Task]["backbones"]!.GetValue<int>());
        }

        // Task 1 merges backbones 0 and 1 (2 classes each); task 3 merges backbones 1 and 2 of [merged 0-1, 2, 3].
        var first = result.Stages[1].Events.Single(e => e.Kind == "compress").Data;
        Assert.Equal(0.5, first["importance"]!.GetValue<double>(), 12);
        var expected = ImportanceInitialisation.Weight(0.5, first["bias"]!.GetValue<double>(), 5);
        Assert.Equal(expected, first["weight"]!.GetValue<double>(), 12);
        Assert.Equal((2, 1), (first["backbonesBefore"]!.GetValue<int>(), first["backbones"]!.GetValue<int>()));
        Assert.Equal("[4]", first["convClasses"]!.ToJsonString());
        var second = result.Stages[3].Events.Single(e => e.Kind == "compress").Data;
        Assert.Equal("[1,2]", second["fused"]!.ToJsonString());
        Assert.Equal("[4,4]", second["convClasses"]!.ToJsonString());

        // Backbone 0 (merged in task 1) is frozen from task 2 on and carried through task 3's compression unchanged;
        // backbone 1 (merged in task 3) is frozen in task 4.
        AssertUnchanged(snapshots, "convnets.0.", from: 1, through: 4);
        AssertUnchanged(snapshots, "convnets.1.", from: 3, through: 4);
    }

    private static void AssertUnchanged(StateSnapshots snapshots, string prefix, int from, int through)
    {
        var frozen = snapshots.Tensors[from].Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(frozen);
        for (var later = from + 1; later <= through; later++)
            Assert.All(frozen, kv => Assert.True(kv.Value.equal(snapshots.Tensors[later][kv.Key]), $"{kv.Key} changed in task {later}"));
    }
}
