using System.Diagnostics;
using System.Text.Json;
using CilBench.Abstractions;
using CilBench.Core.BaseModels;
using CilBench.Core.Evaluation;
using CilBench.Core.Fingerprints;
using CilBench.Core.Memory;
using CilBench.Core.Protocols;
using CilBench.Core.Results;
using CilBench.Core.Scenario;
using CilBench.Torch;

namespace CilBench.Core.Runner;

/// <summary>
/// Runs one cell. For each task: build the task's data (new classes + exemplars) -> Learn -> the memory planner fills
/// memory from the learner's ranking within capacity -> evaluate every head on all seen classes -> restart audit (the
/// run goes on with the reloaded learner) -> checkpoint. Writes the result file atomically at the end; a model that
/// outgrows its budget at a later task ends the run with a partial result marked <c>overBudgetAtTask</c>.
/// </summary>
public sealed class CellRunner(IDatasetSource datasets, ITransformFactory transforms, Evaluator evaluator, IResultSink sink)
{
    public RunResult Run(RunRequest request, IRunObserver observer, CancellationToken cancellation = default)
    {
        var started = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        var (protocol, loaded, seed) = (request.Protocol, request.Method, request.Seed);
        var method = loaded.Method;
        var device = request.Device.EnsureAvailable();
        var fingerprint = request.Fingerprint(torch.get_num_threads());
        BackendSwitches.Apply(request.Backends);
        torch.manual_seed((ulong)seed);

        using var data = datasets.Load(protocol.Spec.Dataset);
        var shape = data.Info.Shape;
        var transform = transforms.Create(protocol.Spec.Augmentation, shape);
        using var scenario = Scenario.Scenario.Build(protocol, data, transform, device);
        var hyper = request.HyperParameters;
        var backbone = hyper["backbone"]?.GetValue<string>() ?? "-";
        MethodContext Context(BaseModel? baseModel) => new()
        {
            Device = device,
            Seed = seed,
            Backbone = backbone,
            Input = shape,
            TotalClasses = protocol.ClassOrder.Count,
            TaskCount = scenario.TaskCount,
            HyperParameters = JsonSerializer.SerializeToElement(hyper),
            Log = observer.Log,
            BaseModel = baseModel,
        };
        var baseModel = SharedBaseModel(request, scenario, Context(null), transform, observer, cancellation);
        var context = Context(baseModel);
        observer.Log.Info($"{method.Name} {method.Version} on {protocol.Name}, budget {request.Point.Name}, seed {seed}, {device}; {torch.RuntimeSummary()}");

        var planner = new MemoryPlanner(request.Point, method, shape.Bytes);
        var served = new ImageCounter();
        using var memory = new ExemplarMemory(transform, shape, device, served);
        var active = new ActiveLearner(method.Create(context));
        try
        {
            planner.CheckNewModel(StateBytes.Of(active.Learner.State()));
            var stages = new List<StageResult>();
            var checkpointPath = Path.Combine(ResultPaths.Checkpoint(request.ResultPath), "last.safetensors");
            var audited = request.Audit;
            var firstTask = 0;
            if (request.Resume && File.Exists(checkpointPath))
                (firstTask, audited) = Resume(checkpointPath, fingerprint, active.Learner, memory, stages, observer.Log, audited);

            OverBudgetException? overBudget = null;
            for (var task = firstTask; task < scenario.TaskCount; task++)
            {
                cancellation.ThrowIfCancellationRequested();
                StageResult stage;
                try
                {
                    stage = RunStage(request, scenario, active, planner, memory, served, task, observer, cancellation);
                }
                catch (OverBudgetException e) when (task > 0)
                {
                    overBudget = e;
                    observer.Log.Warn($"over budget at task {task}: {e.Message}; the result keeps the {stages.Count} stages before it");
                    break;
                }
                CheckHeads(method.Name, stages, stage);
                stages.Add(stage);
                observer.StageFinished(stage);
                if (request.Audit)
                    active = RestartAudit.Run(active, loaded, context, scenario.TestUpTo(stage.ClassesSeen), stage.ClassesSeen, task,
                        protocol.Spec.Evaluation.BatchSize);
                SaveCheckpoint(checkpointPath, task + 1, active.Learner, memory, stages, fingerprint, audited);
            }

            var result = new RunResult
            {
                Protocol = new ProtocolInfo
                {
                    Name = protocol.Name,
                    File = protocol.File,
                    Sha256 = protocol.Sha256,
                    Policy = protocol.Policy.Name(),
                    ClassOrder = protocol.ClassOrder.ToList(),
                    Tasks = protocol.Tasks.ToList(),
                    Dataset = new DatasetInfoRecord
                    {
                        Name = data.Info.Name,
                        Input = shape.ToString(),
                        TrainSamples = scenario.Train.Count,
                        TestSamples = scenario.Test.Count,
                        Files = data.FileHashes,
                    },
                },
                Method = new MethodInfo
                {
                    Name = method.Name,
                    Version = method.Version,
                    Paper = method.Paper,
                    File = loaded.Path,
                    Sha256 = loaded.Sha256,
                    Reference = method.IsReference,
                    HyperParameters = hyper,
                },
                Budget = request.Budget,
                Seed = seed,
                Device = device.ToString(),
                Backbone = backbone,
                Stages = stages,
                Summary = Summarize(stages),
                Provenance = new Provenance
                {
                    HarnessVersion = typeof(CellRunner).Assembly.GetName().Version?.ToString() ?? "unknown",
                    HarnessSha256 = fingerprint.Components.Harness.Sha256,
                    GitCommit = fingerprint.Components.Harness.GitCommit,
                    ContractVersion = ContractVersion.Text,
                    LibtorchVersion = torch.__version__,
                    Runtime = System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
                    Os = System.Runtime.InteropServices.RuntimeInformation.OSDescription,
                    Machine = $"{Environment.MachineName}, {Environment.ProcessorCount} cores",
                    Threads = torch.get_num_threads(),
                    StartedUtc = started,
                    FinishedUtc = DateTime.UtcNow,
                    WallSeconds = clock.Elapsed.TotalSeconds,
                    CommandLine = request.CommandLine,
                },
                Fingerprint = fingerprint,
                Audited = audited,
                ResumedAtTask = firstTask > 0 ? firstTask : null,
                OverBudgetAtTask = overBudget is null ? null : stages.Count,
                OverBudgetReason = overBudget?.Message,
                BaseModel = baseModel is null ? null : new BaseModelInfo(baseModel.Sha256, fingerprint.Components.BaseModel!, baseModel.Backbone),
            };
            sink.Write(request.ResultPath, result);
            if (Directory.Exists(ResultPaths.Checkpoint(request.ResultPath)))
                Directory.Delete(ResultPaths.Checkpoint(request.ResultPath), recursive: true);
            return result;
        }
        finally
        {
            active.Dispose();
            foreach (var t in baseModel?.Tensors.Values ?? []) t.Dispose();
        }
    }

    private StageResult RunStage(RunRequest request, Scenario.Scenario scenario, ActiveLearner active, MemoryPlanner planner,
        ExemplarMemory memory, ImageCounter served, int task, IRunObserver observer, CancellationToken cancellation)
    {
        var method = request.Method.Method;
        var learner = active.Learner;
        using var stage = StageData.Build(scenario, memory, task, request.Seed, served, new Progress(p => observer.Progress(task, p)), cancellation);
        var taskContext = stage.Context;
        var (known, total) = (taskContext.KnownClasses, taskContext.TotalClasses);
        observer.StageStarted(task, scenario.TaskCount, total);

        torch.manual_seed((ulong)(uint)taskContext.Seed);
        var clock = Stopwatch.StartNew();
        var servedBefore = served.Count;
        var seal = memory.Seal();
        Learn(active, taskContext, method.Name);
        seal.Check(method.Name, "Learn");
        var trainImages = served.Count - servedBefore;
        var trainSeconds = clock.Elapsed.TotalSeconds;

        clock.Restart();
        var (plan, model) = planner.Update(learner, memory, stage.NewData, known, total);
        var exemplarBytes = memory.Bytes;
        var memorySeconds = clock.Elapsed.TotalSeconds;

        clock.Restart();
        var test = scenario.TestUpTo(total);
        var evaluation = evaluator.Evaluate(learner, test, scenario.TaskOfClass[..total], scenario.Protocol.Spec.Evaluation.BatchSize);
        var evalSeconds = clock.Elapsed.TotalSeconds;

        return new StageResult
        {
            Task = task,
            ClassesSeen = total,
            NewClasses = scenario.Protocol.Tasks[task],
            Heads = evaluation.Heads,
            Memory = new MemoryUsage
            {
                ParameterBytes = model.Parameters,
                BufferBytes = model.Buffers,
                InfoBytes = model.Info,
                BackboneParameterBytes = model.BackboneParameters,
                ExemplarBytes = exemplarBytes,
                TotalBytes = model.Total + exemplarBytes,
                Exemplars = memory.Count,
                Capacity = plan.Capacity,
            },
            Seconds = new StageSeconds { Train = trainSeconds, Memory = memorySeconds, Eval = evalSeconds },
            TrainImages = trainImages,
            EvalImages = test.Count,
            NonFiniteScores = evaluation.NonFiniteScores,
            Events = taskContext.Events.Select(e => new StageEventRecord(e.Kind, e.Data)).ToList(),
        };
    }

    /// <summary>
    /// The shared first-task model of this cell (protocol <c>baseModel: "shared"</c>), trained here the first time:
    /// a plain backbone and classifier, cross-entropy on the first task with the cell's first-task recipe and seed.
    /// </summary>
    private BaseModel? SharedBaseModel(RunRequest request, Scenario.Scenario scenario, MethodContext context, IBatchTransform transform,
        IRunObserver observer, CancellationToken cancellation)
    {
        if (request.BaseModelKey(torch.get_num_threads()) is not { } key) return null;
        var store = new BaseModelStore(Path.Combine(request.OutputRoot, "base-models"));
        return store.GetOrTrain(key, context.Device, () =>
        {
            var recipe = FirstTaskRecipe.From(request.HyperParameters, request.Method.Name);
            using var learner = new FirstTaskLearner(context, recipe);
            using var memory = new ExemplarMemory(transform, context.Input, context.Device);
            using var stage = StageData.Build(scenario, memory, 0, request.Seed, new ImageCounter(),
                new Progress(p => observer.Progress(0, p with { Phase = "base model" })), cancellation);
            torch.manual_seed((ulong)(uint)stage.Context.Seed);
            learner.Learn(stage.Context);
            var tensors = learner.State().Tensors.ToDictionary(kv => kv.Key, kv => kv.Value.Tensor.to(Device.CPU, copy: true).DetachFromDisposeScope());
            return (tensors, stage.Context.TotalClasses);
        }, observer.Log, cancellation);
    }

    // A learner rebuilt by the restart audit has only its state: one that relied on anything else fails here, and the
    // message says why, instead of a bare NullReferenceException from inside the plugin.
    private static void Learn(ActiveLearner active, TaskContext task, string method)
    {
        try
        {
            active.Learner.Learn(task);
        }
        catch (Exception e) when (active.Reloaded && e is not OperationCanceledException)
        {
            throw new LearnerContractException(
                $"{method} failed in task {task.TaskIndex} ({e.GetType().Name}: {e.Message}); it was running on a learner rebuilt from " +
                $"its state after task {task.TaskIndex - 1} by the restart audit, as a resumed run would: anything it kept outside State() was gone", e);
        }
    }

    // The summary, the reports and the leaderboards compare heads by name across stages.
    private static void CheckHeads(string method, List<StageResult> stages, StageResult stage)
    {
        if (stages.Count == 0) return;
        var first = stages[0].Heads.Keys.ToList();
        if (!stage.Heads.Keys.SequenceEqual(first))
            throw new LearnerContractException(
                $"{method} returned heads [{string.Join(", ", stage.Heads.Keys)}] at task {stage.Task}, but [{string.Join(", ", first)}] at task {stages[0].Task}: " +
                "a learner's heads must stay the same at every stage");
    }

    private static void SaveCheckpoint(string path, int completedTasks, IIncrementalLearner learner, ExemplarMemory memory, List<StageResult> stages,
        CellFingerprint fingerprint, bool audited)
    {
        var images = memory.Classes.ToDictionary(c => c, c => ((DataView)memory.OfClass(c)).GatherImages());
        try
        {
            Checkpoint.Save(path, completedTasks, learner.State(), images, stages, fingerprint, audited);
        }
        finally
        {
            foreach (var t in images.Values) t.Dispose();
        }
    }

    private static (int FirstTask, bool Audited) Resume(string path, CellFingerprint fingerprint, IIncrementalLearner learner, ExemplarMemory memory,
        List<StageResult> stages, IRunLog log, bool audit)
    {
        using var checkpoint = Checkpoint.Load(path);
        if (checkpoint.Fingerprint.Cell != fingerprint.Cell)
            throw new ResumeRefusedException(
                $"{path} was made by another setup of this cell ({fingerprint.Describe(checkpoint.Fingerprint)}); resuming would mix " +
                "two runs. Move the checkpoint folder aside to start over");
        learner.Load(checkpoint.Learner);
        foreach (var (c, images) in checkpoint.Memory) memory.Set(c, images.clone());
        stages.AddRange(checkpoint.Stages);
        log.Info($"resumed from {path} after task {checkpoint.CompletedTasks - 1}");
        return (checkpoint.CompletedTasks, audit && checkpoint.Audited);
    }

    internal static Dictionary<string, HeadSummary> Summarize(List<StageResult> stages)
    {
        var heads = stages[0].Heads.Keys;
        return heads.ToDictionary(h => h, h =>
        {
            var top1 = stages.Select(s => s.Heads[h].Top1).ToList();
            var matrix = stages.Select(s => s.Heads[h].AccuracyMatrixRow).ToList();
            return new HeadSummary
            {
                AverageIncrementalAccuracy = Metrics.AverageIncrementalAccuracy(top1),
                LastAccuracy = top1[^1],
                Forgetting = Metrics.Forgetting(matrix),
                Bwt = Metrics.BackwardTransfer(matrix),
                AverageTaskAware = stages.Average(s => s.Heads[h].TaskAware),
            };
        });
    }

    private sealed class Progress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}

/// <summary>Builds the batch transform (augmentation + normalisation) a protocol asks for.</summary>
public interface ITransformFactory
{
    IBatchTransform Create(Protocols.AugmentationSettings settings, InputShape shape);
}
