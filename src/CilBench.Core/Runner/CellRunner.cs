using System.Diagnostics;
using System.Text.Json;
using CilBench.Abstractions;
using CilBench.Core.Evaluation;
using CilBench.Core.Memory;
using CilBench.Core.Protocols;
using CilBench.Core.Results;
using CilBench.Core.Scenario;
using CilBench.Torch;

namespace CilBench.Core.Runner;

/// <summary>
/// Runs one cell. For each task: build the task's data (new classes + exemplars) -> Learn -> the learner ranks
/// exemplar candidates -> the harness fills memory within capacity -> measures state bytes -> evaluates every head
/// on all seen classes -> restart audit -> checkpoint. Writes the result file atomically at the end.
/// </summary>
public sealed class CellRunner(IDatasetSource datasets, ITransformFactory transforms, Evaluator evaluator, IResultSink sink)
{
    public RunResult Run(RunRequest request, IRunObserver observer, CancellationToken cancellation = default)
    {
        var started = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        var (protocol, loaded, point, seed) = (request.Protocol, request.Method, request.Point, request.Seed);
        var method = loaded.Method;
        var device = request.Device.EnsureAvailable();
        torch.manual_seed((ulong)seed);

        using var data = datasets.Load(protocol.Spec.Dataset);
        var shape = data.Info.Shape;
        var transform = transforms.Create(protocol.Spec.Augmentation, shape);
        using var scenario = Scenario.Scenario.Build(protocol, data, transform, device);
        var hyper = protocol.HyperParametersFor(method.Name, method.DefaultHyperParameters, point);
        var backbone = hyper["backbone"]?.GetValue<string>() ?? "-";
        var context = new MethodContext
        {
            Device = device,
            Seed = seed,
            Backbone = backbone,
            Input = shape,
            TotalClasses = protocol.ClassOrder.Count,
            TaskCount = scenario.TaskCount,
            HyperParameters = JsonSerializer.SerializeToElement(hyper),
            Log = observer.Log,
        };
        observer.Log.Info($"{method.Name} {method.Version} on {protocol.Name}, budget {point.Name}, seed {seed}, {device}; {torch.RuntimeSummary()}");

        using var learner = method.Create(context);
        using var memory = new ExemplarMemory(transform, shape, device);
        var stages = new List<StageResult>();
        var checkpointPath = Path.Combine(ResultPaths.Checkpoint(request.ResultPath), "last.safetensors");
        var firstTask = request.Resume ? Resume(checkpointPath, learner, memory, stages, observer.Log) : 0;

        for (var task = firstTask; task < scenario.TaskCount; task++)
        {
            cancellation.ThrowIfCancellationRequested();
            var stage = RunStage(request, scenario, learner, memory, context, task, observer, cancellation);
            stages.Add(stage);
            observer.StageFinished(stage);
            if (request.Audit) RestartAudit(method, context, learner, scenario, stage.ClassesSeen, protocol.Spec.Evaluation.BatchSize);
            SaveCheckpoint(checkpointPath, task + 1, learner, memory, stages);
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
            Budget = new BudgetInfo
            {
                Name = point.Name,
                Policy = point.Policy.Name(),
                Bytes = point.Bytes,
                Exemplars = point.Policy switch
                {
                    Protocols.MemoryPolicy.FixedTotal => point.TotalExemplars,
                    Protocols.MemoryPolicy.Exemplars => point.ExemplarsFor(method.Name),
                    _ => null,
                },
                PerClass = point.PerClass,
            },
            Seed = seed,
            Device = device.ToString(),
            Backbone = backbone,
            Stages = stages,
            Summary = Summarize(stages),
            Provenance = new Provenance
            {
                HarnessVersion = typeof(CellRunner).Assembly.GetName().Version?.ToString() ?? "unknown",
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
        };
        sink.Write(request.ResultPath, result);
        Directory.Delete(ResultPaths.Checkpoint(request.ResultPath), recursive: true);
        return result;
    }

    private StageResult RunStage(RunRequest request, Scenario.Scenario scenario, IIncrementalLearner learner, ExemplarMemory memory,
        MethodContext context, int task, IRunObserver observer, CancellationToken cancellation)
    {
        var method = request.Method.Method;
        var known = scenario.KnownBefore(task);
        var total = known + scenario.Protocol.Tasks[task].Length;
        observer.StageStarted(task, scenario.TaskCount, total);

        // The task's training set as PyCIL builds it: the new classes' data, then every exemplar.
        var newPositions = scenario.TrainPositions(known, total);
        var memoryStore = memory.AsStore();
        ImageStore stageStoreOwned;
        using (torch.NewDisposeScope())
            stageStoreOwned = new ImageStore(
                torch.cat([scenario.Train.Gather(newPositions), memoryStore.Images]),
                newPositions.Select(p => scenario.Train.Labels[p]).Concat(memoryStore.Labels).ToArray(),
                scenario.Train.Transform);
        using var stageStore = stageStoreOwned;
        var newData = new DataView(stageStore, Enumerable.Range(0, newPositions.Length).Select(i => (long)i).ToArray());
        var taskContext = new TaskContext
        {
            TaskIndex = task,
            TaskCount = scenario.TaskCount,
            KnownClasses = known,
            TotalClasses = total,
            NewData = newData,
            TrainData = stageStore.All(),
            Memory = memory,
            Seed = unchecked(request.Seed * 7919 + task),
            Progress = new Progress(p => observer.Progress(task, p)),
            Cancellation = cancellation,
        };

        // Each task starts from its own seed, so results do not depend on what ran before (audits, a resume).
        torch.manual_seed((ulong)(uint)taskContext.Seed);
        var clock = Stopwatch.StartNew();
        learner.Learn(taskContext);
        var trainSeconds = clock.Elapsed.TotalSeconds;

        clock.Restart();
        var model = StateBytes.Of(learner.State());
        var plan = method.IsReference
            ? CapacityPlan.Unbounded
            : CapacityPlan.For(request.Point, method.Name, total, model.Total, context.Input.Bytes);
        FillMemory(learner, memory, newData, known, total, plan);
        learner.MemoryUpdated(memory);
        // Measured again: MemoryUpdated may add state (e.g. NME class means), which counts too. Under a byte budget the
        // exemplars give way to it: capacity is planned again from the grown model, memory shrinks to the new quota and
        // the learner is told. Each round lowers the quota (the previous one would have fitted), so this ends, at the
        // latest when the model alone exceeds the budget and CapacityPlan refuses it.
        model = StateBytes.Of(learner.State());
        while (request.Point is { Policy: Protocols.MemoryPolicy.Budget, Bytes: { } budget } && !method.IsReference
               && model.Total + memory.Bytes > budget)
        {
            plan = CapacityPlan.For(request.Point, method.Name, total, model.Total, context.Input.Bytes);
            memory.Shrink(plan.PerClass);
            learner.MemoryUpdated(memory);
            model = StateBytes.Of(learner.State());
        }
        var exemplarBytes = memory.Bytes;
        var memorySeconds = clock.Elapsed.TotalSeconds;

        clock.Restart();
        var heads = evaluator.Evaluate(learner, scenario.TestUpTo(total), scenario.TaskOfClass[..total], scenario.Protocol.Spec.Evaluation.BatchSize);
        var evalSeconds = clock.Elapsed.TotalSeconds;

        return new StageResult
        {
            Task = task,
            ClassesSeen = total,
            NewClasses = scenario.Protocol.Tasks[task],
            Heads = heads,
            Memory = new MemoryUsage
            {
                ParameterBytes = model.Parameters,
                BufferBytes = model.Buffers,
                BackboneParameterBytes = model.BackboneParameters,
                ExemplarBytes = exemplarBytes,
                TotalBytes = model.Total + exemplarBytes,
                Exemplars = memory.Count,
                Capacity = plan.Capacity,
            },
            Seconds = new StageSeconds { Train = trainSeconds, Memory = memorySeconds, Eval = evalSeconds },
            Events = taskContext.Events.Select(e => new StageEventRecord(e.Kind, e.Data)).ToList(),
        };
    }

    // Old classes keep their ranked prefix; new classes get the learner's top-ranked candidates, up to the quota.
    private static void FillMemory(IIncrementalLearner learner, ExemplarMemory memory, DataView newData, int known, int total, CapacityPlan plan)
    {
        var perClass = plan.PerClass;
        memory.Shrink(perClass);
        if (perClass == 0) return;
        var candidates = Enumerable.Range(known, total - known)
            .Select(c => new ClassCandidates(c, newData.OfClass(c), Math.Min(perClass, newData.OfClass(c).Count)))
            .ToList();
        var ranking = learner.RankExemplars(new ExemplarRequest(candidates));
        foreach (var c in candidates)
        {
            if (!ranking.Ranked.TryGetValue(c.ClassIndex, out var ranked))
                throw new InvalidOperationException($"the learner did not rank class {c.ClassIndex}");
            if (ranked.Distinct().Count() != ranked.Length)
                throw new InvalidOperationException($"the learner's ranking of class {c.ClassIndex} repeats a candidate");
            // A learner may propose fewer than wanted (finetune proposes none); the harness keeps what fits.
            var chosen = (DataView)c.Candidates.Subset(ranked[..Math.Min(c.Wanted, ranked.Length)]);
            memory.Set(c.ClassIndex, chosen.GatherImages());
        }
    }

    /// <summary>
    /// A fresh learner loaded from the (serialised) state must predict exactly what the trained one predicts; a
    /// learner that keeps something outside its state fails here instead of silently failing to resume.
    /// </summary>
    private static void RestartAudit(IMethod method, MethodContext context, IIncrementalLearner learner, Scenario.Scenario scenario, int seen, int batchSize)
    {
        var probe = scenario.TestUpTo(seen);
        var sample = probe.Subset(Enumerable.Range(0, Math.Min(probe.Count, 64)).Select(i => (long)i).ToArray());
        var state = Checkpoint.RoundTrip(learner.State());
        using var fresh = method.Create(context);
        try
        {
            fresh.Load(state);
            using var _ = torch.no_grad();
            foreach (var batch in sample.Batches(new BatchOptions(batchSize)))
            {
                using (batch)
                using (var a = learner.Predict(batch.Images))
                using (var b = fresh.Predict(batch.Images))
                using (var scope = torch.NewDisposeScope())
                {
                    for (var h = 0; h < a.Heads.Count; h++)
                    {
                        var (name, x) = a.Heads[h];
                        var y = b.Heads.Count > h ? b.Heads[h].Value : null;
                        if (y is null || !x.shape.SequenceEqual(y.shape) || !x.allclose(y, rtol: 1e-4, atol: 1e-5))
                        {
                            var diff = y is null || !x.shape.SequenceEqual(y.shape) ? "a different shape" : $"max difference {(x - y).abs().max().item():G4}";
                            throw new InvalidOperationException(
                                $"restart audit failed for {method.Name}: after reloading its state, head '{name}' predicts differently ({diff}); " +
                                "the learner keeps something outside State()");
                        }
                    }
                }
            }
        }
        finally
        {
            foreach (var e in state.Tensors.Values) e.Tensor.Dispose();
        }
    }

    private static void SaveCheckpoint(string path, int completedTasks, IIncrementalLearner learner, ExemplarMemory memory, List<StageResult> stages)
    {
        var images = memory.Classes.ToDictionary(c => c, c => ((DataView)memory.OfClass(c)).GatherImages());
        try
        {
            Checkpoint.Save(path, completedTasks, learner.State(), images, stages);
        }
        finally
        {
            foreach (var t in images.Values) t.Dispose();
        }
    }

    private static int Resume(string path, IIncrementalLearner learner, ExemplarMemory memory, List<StageResult> stages, IRunLog log)
    {
        if (!File.Exists(path)) return 0;
        using var checkpoint = Checkpoint.Load(path);
        learner.Load(checkpoint.Learner);
        foreach (var (c, images) in checkpoint.Memory) memory.Set(c, images.clone());
        stages.AddRange(checkpoint.Stages);
        log.Info($"resumed from {path} after task {checkpoint.CompletedTasks - 1}");
        return checkpoint.CompletedTasks;
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
