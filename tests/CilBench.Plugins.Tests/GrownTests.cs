using System.Text.Json;
using CilBench.Abstractions;
using CilBench.Core.Results;
using CilBench.Learning.Masking;
using CilBench.Plugins.Grown;
using CilBench.Torch;

namespace CilBench.Plugins.Tests;

/// <summary>
/// GROWN through the harness (restart audit on: every stage goes on with a learner reloaded from its state alone) on
/// a tiny task-incremental Split Fashion-MNIST with LeNet-5, and its task inference on constructed scores.
/// </summary>
public class GrownTests
{
    private static string Protocol(string grown) => PluginHarness.FashionMnistProtocol(trainPerClass: 20, testPerClass: 10,
        recipe: """{ "backbone": "lenet5", "initEpochs": 2, "initMilestones": [2], "epochs": 2, "milestones": [2], "batchSize": 16 }""",
        methods: $$"""{ "grown": {{grown}} }""");

    private static JsonElement Growth(StageResult stage) =>
        JsonSerializer.SerializeToElement(stage.Events.Single(e => e.Kind == "growth").Data);

    private static long[] Grown(StageResult stage) => Growth(stage).GetProperty("grownChannels").EnumerateArray().Select(x => x.GetInt64()).ToArray();

    [FashionMnistFact]
    public void OldTasksKeepTheirEffectiveWeightsAndLogitsBitForBitAndMasksCostOneBitPerElement()
    {
        using var snapshots = new StateSnapshots(new GrownMethod());
        var result = PluginHarness.Run(snapshots, Protocol("{}"));
        Assert.True(result.Audited);
        Assert.Equal(5, result.Stages.Count);
        Assert.Equal(["taskAgnostic", "taskAware"], result.Stages[0].Heads.Keys);
        // The default target is the scratch-trained backbone's validation accuracy: it is reported from task 2 on.
        Assert.All(result.Stages.Skip(1), s => Assert.True(Growth(s).GetProperty("target").GetDouble() is >= 0 and <= 100));

        var probe = ProbeImages();
        for (var t = 0; t < 4; t++)
        {
            using var atTask = Reload(snapshots, t);
            var (weights, logits) = TaskOutputs(atTask, t, probe);
            for (var later = t + 1; later < 5; later++)
            {
                using var atLater = Reload(snapshots, later);
                var (laterWeights, laterLogits) = TaskOutputs(atLater, t, probe);
                for (var i = 0; i < weights.Count; i++)
                    Assert.True(weights[i].equal(laterWeights[i]), $"task {t}'s effective weights of layer {i} changed at task {later}");
                Assert.True(logits.equal(laterLogits), $"task {t}'s logits changed at task {later}");
            }
        }

        // Masks: one bit per element, rounded up to whole bytes per mask; the harness counts exactly those bytes.
        using var last = Reload(snapshots, 4);
        var layers = last.Net.Layers;
        var state = snapshots.Tensors[4];
        var maskBytes = 0L;
        for (var t = 0; t < 5; t++)
            foreach (var l in layers)
            {
                var kernels = state[$"tasks.{t}.masks.{l.Name}.kernels"];
                Assert.Equal(ScalarType.UInt8, kernels.dtype);
                Assert.Equal((l.OutChannels * l.InChannels + 7) / 8, kernels.numel());
                Assert.Equal((l.OutChannels + 7) / 8, state[$"tasks.{t}.masks.{l.Name}.channels"].numel());
                maskBytes += kernels.numel() + state[$"tasks.{t}.masks.{l.Name}.channels"].numel();
            }
        var buffers = state.Where(kv => !kv.Key.Contains(".masks.", StringComparison.Ordinal) && kv.Key.Contains("running_", StringComparison.Ordinal)).Sum(kv => kv.Value.nbytes);
        Assert.Equal(maskBytes + buffers, result.Stages[4].Memory.BufferBytes);
        // Pruned and unused channels take no bytes: the kept weights are the frozen kernels' values only.
        var kept = layers.Sum(l => l.FrozenKernels.sum().item<long>() * l.KernelElements + (l.Bias is null ? 0 : l.FrozenBiases.sum().item<long>()));
        Assert.Equal(kept, layers.Sum(l => state[$"layers.{l.Name}.weight"].numel() + (l.Bias is null ? 0 : state[$"layers.{l.Name}.bias"].numel())));
    }

    [FashionMnistFact]
    public void AnUnreachableTargetGrowsEveryTaskAndATriviallyReachedOneNeverGrows()
    {
        var always = PluginHarness.Run(new GrownMethod(), Protocol("""{ "target": "1000", "growthLambda": 0 }"""), audit: false);
        var never = PluginHarness.Run(new GrownMethod(), Protocol("""{ "target": "0", "growthLambda": 5 }"""), audit: false);

        Assert.All(always.Stages, s => Assert.True(Growth(s).GetProperty("grew").GetBoolean(), $"task {s.Task} did not grow"));
        Assert.All(never.Stages.Skip(1), s =>
        {
            Assert.False(Growth(s).GetProperty("grew").GetBoolean(), $"task {s.Task} grew");
            Assert.All(Grown(s), n => Assert.Equal(0, n));
            Assert.Equal(Growth(never.Stages[0]).GetProperty("channels").ToString(), Growth(s).GetProperty("channels").ToString());
        });
        // The same first task (task 1 always grows from the seed): a larger lambda grows fewer channels.
        Assert.True(Grown(never.Stages[0]).Sum() < Grown(always.Stages[0]).Sum(),
            $"lambda 5 grew {Grown(never.Stages[0]).Sum()} channels, lambda 0 grew {Grown(always.Stages[0]).Sum()}");
    }

    [Fact]
    public void TheTaskWithTheLowestPredictionEntropyKeepsItsScores()
    {
        using var scope = torch.NewDisposeScope();
        // Sample 0: task 0 is sure (entropy ~0), task 1 unsure; sample 1 the other way round.
        var task0 = torch.tensor(new float[,] { { 10, -10 }, { 0.1f, 0 } });
        var task1 = torch.tensor(new float[,] { { 0, 0.1f }, { -10, 10 } });
        var (scores, task) = TaskInference.ByLowestEntropy([task0, task1]);
        Assert.Equal([0L, 1L], task.data<long>());
        var s = scores.data<float>();
        Assert.Equal(-1f, s[2]);
        Assert.Equal(-1f, s[3]);
        Assert.Equal(-1f, s[4]);
        Assert.Equal(-1f, s[5]);
        Assert.Equal(1 / (1 + Math.Exp(-20)), s[0], 6);
        Assert.Equal(1 / (1 + Math.Exp(-20)), s[7], 6);
        Assert.Equal([0L, 3L], scores.argmax(1).data<long>());
    }

    /// <summary>A GROWN learner rebuilt from the state kept after task <paramref name="t"/>.</summary>
    private static GrownLearner Reload(StateSnapshots snapshots, int t)
    {
        var learner = new GrownLearner(Context(), new GrownOptions().Validated());
        var state = new LearnerState { Info = snapshots.Infos[t] };
        foreach (var (name, tensor) in snapshots.Tensors[t]) state.Add(name, tensor, StateKind.Parameter);
        learner.Load(state);
        return learner;
    }

    private static (List<Tensor> Weights, Tensor Logits) TaskOutputs(GrownLearner learner, int t, Tensor probe)
    {
        var logits = learner.Net.Logits(t, probe);
        var weights = learner.Net.Layers.Select(l => l.Effective().weight).ToList();
        return (weights, logits);
    }

    private static Tensor ProbeImages()
    {
        using var generator = new Generator(7);
        return torch.randn([8, 1, 28, 28], generator).DetachFromDisposeScope();
    }

    private static MethodContext Context() => new()
    {
        Device = Device.CPU,
        Seed = 1993,
        Backbone = "lenet5",
        Input = new InputShape(1, 28, 28),
        TotalClasses = 10,
        TaskCount = 5,
        HyperParameters = JsonDocument.Parse(new GrownMethod().DefaultHyperParameters).RootElement,
        Log = new NullLog(),
    };

    private sealed class NullLog : IRunLog
    {
        public void Info(string message) { }

        public void Warn(string message) { }
    }
}
