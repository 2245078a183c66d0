using System.Text;
using System.Text.Json;
using CilBench.Abstractions;
using CilBench.Core.BaseModels;
using CilBench.Core.Fingerprints;
using CilBench.Core.Hosting;
using CilBench.Core.Memory;
using CilBench.Core.Plugins;
using CilBench.Core.Protocols;
using CilBench.Core.Results;
using CilBench.Core.Runner;
using CilBench.Core.Scenario;
using CilBench.Core.Tests.Data;
using CilBench.Learning.Training;
using CilBench.Torch;
using Microsoft.Extensions.DependencyInjection;

namespace CilBench.Core.Tests.Runner;

/// <summary>
/// The real runner end to end on "synth" (6 classes, 20 training images each, 1 x 4 x 4 = 16 bytes an image) in three
/// tasks of two classes, with <see cref="NearestMeanMethod"/>, whose state is 24 parameter bytes (16 of them backbone)
/// plus a 64-byte mean (16 float32) per seen class.
/// Runs apply the request's backend switches, so the class runs alone (<see cref="ProcessWideBackendSwitches"/>).
/// </summary>
[Collection(nameof(ProcessWideBackendSwitches))]
public class CellRunnerTests : IDisposable
{
    private const int Seed = 7;
    private const long ImageBytes = 16, ParameterBytes = 24, BackboneBytes = 16, MeanBytes = 64;

    private readonly TempDirectory output = new();
    private readonly ServiceProvider services = CilBenchServices.Build(s => s.AddSingleton<IDatasetSource>(new SyntheticDatasetSource()));

    public void Dispose()
    {
        services.Dispose();
        output.Dispose();
    }

    private static string ProtocolJson(string memory) => $$"""
        {
          "name": "synth-b2inc2",
          "dataset": { "name": "synth" },
          "classOrder": [5, 3, 1, 0, 2, 4],
          "initialClasses": 2,
          "increment": 2,
          "memory": {{memory}},
          "evaluation": { "batchSize": 5 },
          "seeds": [{{Seed}}]
        }
        """;

    // 512 bytes = 2^-11 MB.
    private const string Budget512 = """{ "policy": "budget", "points": [ { "name": "b512", "megabytes": 0.00048828125 } ] }""";
    private const string FixedTotal12 = """{ "policy": "fixed-total", "points": [ { "name": "m12", "exemplars": 12 } ] }""";

    private RunRequest Request(NearestMeanMethod method, string memory, bool resume = false, bool audit = true)
    {
        var protocol = services.GetRequiredService<ProtocolLoader>().Parse(Encoding.UTF8.GetBytes(ProtocolJson(memory)), "synth.json");
        // The audit's fresh method object: a sibling with the same switches (a real plugin is loaded again from its DLL).
        var loaded = new LoadedMethod(method, "ncm.dll", "0123", new Version(0, 0, 1)) { Reload = () => new FreshMethod(method.Sibling()) };
        return new RunRequest(protocol, loaded, protocol.Points[0], Seed, Device.CPU, output.Path) { Resume = resume, Audit = audit, CommandLine = "test" };
    }

    private RunResult Run(NearestMeanMethod method, string memory, bool resume = false, CancellationToken cancellation = default, bool audit = true) =>
        services.GetRequiredService<CellRunner>().Run(Request(method, memory, resume, audit), new SilentObserver(), cancellation);

    /// <summary>Runs under Budget512 until the start of <paramref name="task"/>, stopped there as a killed run would be.</summary>
    private NearestMeanMethod StopAt(int task)
    {
        using var cancel = new CancellationTokenSource();
        var stopped = new NearestMeanMethod { OnLearn = t => { if (t.TaskIndex == task) cancel.Cancel(); } };
        Assert.ThrowsAny<OperationCanceledException>(() => Run(stopped, Budget512, cancellation: cancel.Token));
        return stopped;
    }

    [Fact]
    public void OneStagePerTaskWithTheDatasetClassesAndPerfectAccuracy()
    {
        var result = Run(new NearestMeanMethod(), FixedTotal12);

        Assert.Equal([0, 1, 2], result.Stages.Select(s => s.Task));
        Assert.Equal([2, 4, 6], result.Stages.Select(s => s.ClassesSeen));
        Assert.Equal([[5, 3], [1, 0], [2, 4]], result.Stages.Select(s => s.NewClasses));
        // Classes are separable: every figure is 100 if train and test were relabelled alike.
        foreach (var stage in result.Stages)
        {
            var nme = Assert.Single(stage.Heads).Value;
            Assert.Equal((100.0, 100.0, 100.0), (nme.Top1, nme.TaskAware, nme.New));
            Assert.Equal(Enumerable.Repeat(100.0, stage.Task + 1), nme.AccuracyMatrixRow);
            Assert.Equal(stage.Task == 0 ? null : (double?)100.0, nme.Old);
        }
        Assert.Equal((100.0, 0.0), (result.Summary["nme"].AverageIncrementalAccuracy, result.Summary["nme"].Forgetting));
        Assert.Equal((6 * 20, 6 * 4), (result.Protocol.Dataset.TrainSamples, result.Protocol.Dataset.TestSamples));
        Assert.Equal(("fixed-total", (int?)12, "-", "1x4x4"), (result.Budget.Policy, result.Budget.Exemplars, result.Backbone, result.Protocol.Dataset.Input));
    }

    [Fact]
    public void EachTaskGetsItsNewClassesAndTheExemplars()
    {
        var method = new NearestMeanMethod();
        Run(method, FixedTotal12);

        // Fixed total 12: 6 per class after task 0, 3 after task 1, 2 after task 2.
        Assert.Equal(3, method.Calls.Count);
        Assert.Equal((0, 0, 2, 40, 40, 0), Summary(method.Calls[0]));
        Assert.Equal((1, 2, 4, 40, 52, 12), Summary(method.Calls[1]));
        Assert.Equal((2, 4, 6, 40, 52, 12), Summary(method.Calls[2]));
        Assert.Equal([[0, 1], [2, 3], [4, 5]], method.Calls.Select(c => c.NewLabels));
    }

    private static (int, int, int, int, int, int) Summary(LearnCall c) => (c.Task, c.Known, c.Total, c.NewCount, c.TrainCount, c.MemoryCount);

    public static TheoryData<string, int[], int[]> Policies => new()
    {
        // Per class = capacity / seen (2, 4, 6 classes), at most the 20 images a class has.
        { FixedTotal12, [12, 12, 12], [12, 12, 12] },
        { """{ "policy": "per-class", "points": [ { "name": "pc3", "perClass": 3 } ] }""", [6, 12, 18], [6, 12, 18] },
        { """{ "policy": "exemplars", "points": [ { "name": "e", "exemplarsByMethod": { "ncm": 9, "*": 100 } } ] }""", [9, 9, 9], [8, 8, 6] },
        // floor((512 - model) / 16) with model = 24 + 64 x seen: 152 -> 22, 280 -> 14, 408 -> 6.
        { Budget512, [22, 14, 6], [22, 12, 6] },
    };

    [Theory]
    [MemberData(nameof(Policies))]
    public void MemoryAccountingPerStage(string memory, int[] capacity, int[] exemplars)
    {
        var result = Run(new NearestMeanMethod(), memory);

        Assert.Equal(capacity, result.Stages.Select(s => s.Memory.Capacity));
        Assert.Equal(exemplars, result.Stages.Select(s => s.Memory.Exemplars));
        foreach (var s in result.Stages)
        {
            var m = s.Memory;
            var buffers = MeanBytes * s.ClassesSeen;
            Assert.Equal((ParameterBytes, BackboneBytes, buffers), (m.ParameterBytes, m.BackboneParameterBytes, m.BufferBytes));
            Assert.Equal(m.Exemplars * ImageBytes, m.ExemplarBytes);
            Assert.Equal(ParameterBytes + buffers + m.Exemplars * ImageBytes, m.TotalBytes);
        }
    }

    [Fact]
    public void BudgetMakesRoomForStateAddedAfterMemoryIsFilled()
    {
        // 1024 bytes. MemoryUpdated adds a second 64-byte row per seen class after capacity was planned; memory must
        // give way to it. Task 1: model 24 + 256 + 128 = 408 plans 38 (9 a class, 36 kept); memory means grow the
        // model to 536, which leaves floor(488 / 16) = 30, 7 a class: 28 exemplars. Task 2: 664 plans 22 (18 kept),
        // 792 leaves 14, 2 a class: 12.
        var result = Run(new NearestMeanMethod { MeansAfterMemory = true },
            """{ "policy": "budget", "points": [ { "name": "b1k", "megabytes": 0.0009765625 } ] }""");

        Assert.Equal([54, 30, 14], result.Stages.Select(s => s.Memory.Capacity));
        Assert.Equal([40, 28, 12], result.Stages.Select(s => s.Memory.Exemplars));
        // Parameters + both kinds of means + exemplars.
        Assert.Equal(new long[] { 24 + 256 + 640, 24 + 512 + 448, 24 + 768 + 192 }, result.Stages.Select(s => s.Memory.TotalBytes));
    }

    [Fact]
    public void ModelOverTheBudgetStopsTheRunNamingThePoint()
    {
        // 80 bytes = 5 x 2^-16 MB, under the 152-byte model of task 0.
        var e = Assert.Throws<OverBudgetException>(() => Run(new NearestMeanMethod(),
            """{ "policy": "budget", "points": [ { "name": "tiny", "megabytes": 0.0000762939453125 } ] }"""));
        Assert.Contains("takes 152 bytes (parameters 24, buffers 128, info 0), over the budget 'tiny' of 80 bytes", e.Message);
    }

    [Fact]
    public void ResultFileIsWrittenWhereTheFormatSaysAndTheCheckpointRemoved()
    {
        var result = Run(new NearestMeanMethod(), Budget512);

        var path = Path.Combine(output.Path, "synth-b2inc2", "ncm", "b512", $"seed-{Seed}.json");
        var read = ResultJson.Read(path);
        Assert.Equal(Stages(result), Stages(read));
        Assert.Equal(((long?)512, "budget", Seed), (read.Budget.Bytes, read.Protocol.Policy, read.Seed));
        Assert.False(Directory.Exists(Path.Combine(output.Path, "synth-b2inc2", "ncm", "b512", $"seed-{Seed}.checkpoint")));
        Assert.Equal([$"seed-{Seed}.json"], Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName));
    }

    [Fact]
    public void RestartAuditCatchesStateKeptOutsideState()
    {
        var e = Assert.Throws<LearnerContractException>(() => Run(new NearestMeanMethod { HideState = true }, FixedTotal12));
        Assert.Contains("restart audit failed for ncm after task 0: head 'nme' predicts differently", e.Message);
    }

    [Fact]
    public void ResumeAfterACancelledTaskGivesTheCleanRunsStages()
    {
        var clean = Run(new NearestMeanMethod(), Budget512);

        var stopped = StopAt(2);
        var checkpoint = Path.Combine(output.Path, "synth-b2inc2", "ncm", "b512", $"seed-{Seed}.checkpoint", "last.safetensors");
        Assert.True(File.Exists(checkpoint));
        Assert.Equal([0, 1, 2], stopped.Calls.Select(c => c.Task));

        var resumed = new NearestMeanMethod();
        var result = Run(resumed, Budget512, resume: true);

        // Only task 2 ran again, from the restored means and exemplars (12 of them: 3 for each of 4 classes).
        Assert.Equal((2, 12), (Assert.Single(resumed.Calls).Task, resumed.Calls[0].MemoryCount));
        Assert.Equal(Stages(clean), Stages(result));
        Assert.False(File.Exists(checkpoint));
    }

    [Fact]
    public void WithoutResumeACheckpointIsIgnored()
    {
        StopAt(1);

        var again = new NearestMeanMethod();
        Run(again, Budget512);

        Assert.Equal([0, 1, 2], again.Calls.Select(c => c.Task));
    }

    [Fact]
    public void AfterEachAuditTheRunGoesOnWithTheReloadedLearner()
    {
        var method = new NearestMeanMethod();
        var result = Run(method, FixedTotal12);

        Assert.Equal([false, true, true], method.Calls.Select(c => c.Reloaded));
        Assert.True(result.Audited);
        Assert.Null(result.ResumedAtTask);
    }

    [Fact]
    public void WithoutTheAuditTheLearnerIsKeptAndTheResultSaysSo()
    {
        var method = new NearestMeanMethod();
        var result = Run(method, FixedTotal12, audit: false);

        Assert.Equal([false, false, false], method.Calls.Select(c => c.Reloaded));
        Assert.False(result.Audited);
    }

    [Fact]
    public void TrainImagesCountWhatTheLearnerReadDuringLearn()
    {
        // The learner reads every image of the task's training set once: 40 new, then 40 new + 12 exemplars.
        var result = Run(new NearestMeanMethod(), FixedTotal12);
        Assert.Equal([40L, 52, 52], result.Stages.Select(s => s.TrainImages));
    }

    [Fact]
    public void NonFiniteScoresAreRecordedPerStage()
    {
        var result = Run(new NearestMeanMethod { DivergeAfterFirstTask = true }, FixedTotal12);
        // Stage 1 scores 16 test images x 4 classes, stage 2 24 x 6: all NaN.
        Assert.Equal([0L, 16 * 4, 24 * 6], result.Stages.Select(s => s.NonFiniteScores));
    }

    [Fact]
    public void AModelOutgrowingTheBudgetLaterEndsWithAPartialResult()
    {
        // 200 bytes: task 0's model is 24 + 2 x 64 = 152, task 1's 280 does not fit.
        var result = Run(new NearestMeanMethod(), """{ "policy": "budget", "points": [ { "name": "b200", "bytes": 200 } ] }""");

        Assert.Equal(1, result.OverBudgetAtTask);
        Assert.Contains("takes 280 bytes", result.OverBudgetReason);
        var stage = Assert.Single(result.Stages);
        Assert.Equal((0, 2), (stage.Task, stage.Memory.Exemplars)); // 48 bytes left: 3 exemplars, 1 a class
        Assert.Equal(100.0, result.Summary["nme"].AverageIncrementalAccuracy);
        var written = ResultJson.Read(Path.Combine(output.Path, "synth-b2inc2", "ncm", "b200", $"seed-{Seed}.json"));
        Assert.Equal(1, written.OverBudgetAtTask);
    }

    [Fact]
    public void AModelThatCannotFitFailsBeforeTraining()
    {
        // 20 bytes, under the untrained model's 24.
        var method = new NearestMeanMethod();
        var e = Assert.Throws<OverBudgetException>(() => Run(method, """{ "policy": "budget", "points": [ { "name": "b20", "bytes": 20 } ] }"""));
        Assert.Contains("before any training", e.Message);
        Assert.Empty(method.Calls);
    }

    [Fact]
    public void AHeadSetThatChangesIsAnErrorAtThatStage()
    {
        var e = Assert.Throws<LearnerContractException>(() => Run(new NearestMeanMethod { ExtraHeadFromTask = 1 }, FixedTotal12));
        Assert.Contains("returned heads [nme, cnn] at task 1, but [nme] at task 0", e.Message);
    }

    [Fact]
    public void ResumeFromAnotherSetupIsRefusedNamingWhatDiffers()
    {
        StopAt(2);

        // The same cell under another seed list is the same fingerprint; other hyper-parameters are not.
        var request = Request(new NearestMeanMethod(), Budget512, resume: true);
        var other = request with { Method = request.Method with { Closure = PluginClosure.Of(new SortedDictionary<string, string> { ["ncm.dll"] = "4567" }) } };
        var e = Assert.Throws<ResumeRefusedException>(() => services.GetRequiredService<CellRunner>().Run(other, new SilentObserver()));
        Assert.Contains("made by another setup of this cell (plugin differs)", e.Message);
        Assert.Contains("Move the checkpoint folder aside", e.Message);
    }

    [Fact]
    public void AResumedResultSaysWhereItResumed()
    {
        StopAt(2);

        var result = Run(new NearestMeanMethod(), Budget512, resume: true);

        Assert.Equal(2, result.ResumedAtTask);
        Assert.True(result.Audited);
        Assert.Equal(Request(new NearestMeanMethod(), Budget512).Fingerprint(torch.get_num_threads()).Cell, result.Fingerprint.Cell);
    }

    [Fact]
    public void TheRequestsBackendSwitchesAreOnWhileItRunsAndInItsFingerprint()
    {
        (bool Deterministic, bool Tf32)? during = null;
        var method = new NearestMeanMethod { OnLearn = _ => during ??= (torch.backends.cudnn.deterministic, torch.backends.cuda.matmul.allow_tf32) };
        var switches = new BackendSpec { Deterministic = true, Tf32 = true };
        RunResult result;
        try
        {
            result = services.GetRequiredService<CellRunner>().Run(Request(method, Budget512) with { Backends = switches }, new SilentObserver());
        }
        finally
        {
            BackendSwitches.Apply(null);
        }

        Assert.Equal((true, true), during);
        Assert.Equal(switches, result.Fingerprint.Components.Backends);
        var plain = Request(new NearestMeanMethod(), Budget512);
        Assert.Equal(new BackendSpec(), plain.Backends); // the protocol sets none
        Assert.Equal(["backends"], plain.Fingerprint(torch.get_num_threads()).Differences(result.Fingerprint));
    }

    [Fact]
    public void ASharedBaseModelTrainedUnderOtherBackendSwitchesIsAnotherModel()
    {
        var protocol = Request(new NearestMeanMethod(), Budget512).Protocol;
        var recipe = new FirstTaskRecipe("resnet8", new TrainRecipe(1, 0.1, [], 0.1, 5e-4, 16));
        BaseModelKey Key(BackendSpec backends) => BaseModelKey.For(protocol, recipe, Seed, "cpu", 1, backends, "1.13.1", HarnessBuild.Current);

        Assert.Equal(Key(new BackendSpec()).Value, Key(new BackendSpec()).Value);
        Assert.NotEqual(Key(new BackendSpec()).Value, Key(new BackendSpec { Tf32 = true }).Value);
        Assert.True(Key(new BackendSpec { Tf32 = true }).Inputs["backends"]!["tf32"]!.GetValue<bool>());
    }

    // Stages as JSON without their timings, which differ between runs.
    private static string Stages(RunResult r) =>
        JsonSerializer.Serialize(r.Stages.Select(s => s with { Seconds = new StageSeconds { Train = 0, Memory = 0, Eval = 0 } }), ResultJson.Options);
}
