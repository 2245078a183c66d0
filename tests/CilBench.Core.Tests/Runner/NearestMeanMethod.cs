using CilBench.Abstractions;
using CilBench.Torch;

namespace CilBench.Core.Tests.Runner;

/// <summary>What the harness handed the learner for one task.</summary>
/// <param name="Reloaded">The learner was rebuilt from state (restart audit or resume) before this call.</param>
internal sealed record LearnCall(int Task, int Known, int Total, int NewCount, int TrainCount, int MemoryCount, int[] NewLabels, bool Reloaded);

/// <summary>
/// Nearest class mean over raw pixels, with switches for the ways a learner can go wrong. Its state: a 4-float
/// backbone parameter (scales the scores), a 2-float head parameter, and the class means as a buffer.
/// </summary>
internal sealed class NearestMeanMethod : IMethod
{
    public string Name => "ncm";

    public string Version => "0.0.1";

    public string Paper => "Mensink et al., TPAMI 2013";

    public string DefaultHyperParameters => """{ "batchSize": 16 }""";

    /// <summary>Called at the start of every Learn, before the learner checks for cancellation.</summary>
    public Action<TaskContext>? OnLearn { get; init; }

    /// <summary>Keep a score offset outside State(), which the restart audit must catch.</summary>
    public bool HideState { get; init; }

    /// <summary>Add a buffer (the exemplars' class means) in MemoryUpdated, as NME methods do.</summary>
    public bool MeansAfterMemory { get; init; }

    /// <summary>Return scores of NaN for every task after the first (a diverged learner).</summary>
    public bool DivergeAfterFirstTask { get; init; }

    /// <summary>Add a second head ("cnn") from this task on: a head set that changes between stages.</summary>
    public int? ExtraHeadFromTask { get; init; }

    public List<LearnCall> Calls { get; private init; } = [];

    /// <summary>A new method object with the same switches, recording into the same calls (the restart audit's reload).</summary>
    public NearestMeanMethod Sibling() => new()
    {
        OnLearn = OnLearn, HideState = HideState, MeansAfterMemory = MeansAfterMemory, DivergeAfterFirstTask = DivergeAfterFirstTask,
        ExtraHeadFromTask = ExtraHeadFromTask, Calls = Calls,
    };

    public IIncrementalLearner Create(MethodContext context) => new Learner(this, context);

    private sealed class Learner(NearestMeanMethod method, MethodContext context) : IIncrementalLearner
    {
        private readonly int batchSize = context.HyperParameters.GetProperty("batchSize").GetInt32();
        private Tensor scale = torch.ones([4]).DetachFromDisposeScope();
        private Tensor head = torch.zeros([2]).DetachFromDisposeScope();
        private Tensor means = torch.zeros([0, context.Input.Bytes]).DetachFromDisposeScope();
        private Tensor? memoryMeans, hidden;
        private bool reloaded;

        public void Learn(TaskContext task)
        {
            method.Calls.Add(new LearnCall(task.TaskIndex, task.KnownClasses, task.TotalClasses, task.NewData.Count, task.TrainData.Count,
                task.Memory.Count, [.. task.NewData.Labels.Distinct().Order()], reloaded));
            method.OnLearn?.Invoke(task);
            task.Cancellation.ThrowIfCancellationRequested();
            using var scope = torch.NewDisposeScope();
            // Every seen class's mean from this task's data (old classes: their exemplars), as iCaRL's class means.
            var rows = Enumerable.Range(0, task.TotalClasses)
                .Select(c => task.TrainData.OfClass(c) is { Count: > 0 } v ? Mean(v) : means.select(0, c))
                .ToList();
            means = Swap(means, torch.stack(rows));
            if (method.HideState) hidden = Swap(hidden, torch.full([task.TotalClasses], task.TaskIndex + 1));
        }

        private Tensor Mean(IDataView view)
        {
            var sum = torch.zeros([context.Input.Bytes]);
            foreach (var batch in view.Batches(new BatchOptions(batchSize)))
                using (batch) sum.add_(batch.Images.flatten(1).sum(0));
            return sum / view.Count;
        }

        // Last candidate first, so what memory keeps is not simply each class's first samples.
        public ExemplarRanking RankExemplars(ExemplarRequest request) =>
            new(request.Classes.ToDictionary(c => c.ClassIndex, c => Enumerable.Range(0, c.Candidates.Count).Select(i => (long)i).Reverse().ToArray()));

        public void MemoryUpdated(IExemplarMemoryView memory)
        {
            if (!method.MeansAfterMemory) return;
            using var scope = torch.NewDisposeScope();
            var rows = Enumerable.Range(0, (int)means.size(0))
                .Select(c => memory.OfClass(c) is { Count: > 0 } v ? Mean(v) : torch.zeros([context.Input.Bytes]))
                .ToList();
            memoryMeans = Swap(memoryMeans, torch.stack(rows));
        }

        public Predictions Predict(Tensor images)
        {
            using var scope = torch.NewDisposeScope();
            var scores = -torch.cdist(images.flatten(1), means) * scale.select(0, 0);
            if (hidden is not null) scores = scores + hidden;
            if (method.DivergeAfterFirstTask && means.size(0) > 2) scores = scores * double.NaN;
            var predictions = new Predictions().Add("nme", scores);
            // Two classes a task: the means' rows tell how many tasks were learned.
            if (method.ExtraHeadFromTask is { } from && means.size(0) / 2 > from) predictions.Add("cnn", scores.clone());
            return predictions;
        }

        public LearnerState State()
        {
            var state = new LearnerState()
                .Add("scale", scale, StateKind.Parameter, backbone: true)
                .Add("head", head, StateKind.Parameter)
                .Add("means", means, StateKind.Buffer);
            if (memoryMeans is not null) state.Add("memory_means", memoryMeans, StateKind.Buffer);
            return state;
        }

        public void Load(LearnerState state)
        {
            scale = Swap(scale, state.Tensors["scale"].Tensor.clone());
            head = Swap(head, state.Tensors["head"].Tensor.clone());
            means = Swap(means, state.Tensors["means"].Tensor.clone());
            if (state.Tensors.TryGetValue("memory_means", out var m)) memoryMeans = Swap(memoryMeans, m.Tensor.clone());
            reloaded = true;
        }

        private static Tensor Swap(Tensor? old, Tensor value)
        {
            old?.Dispose();
            return value.DetachFromDisposeScope();
        }

        public void Dispose()
        {
            foreach (var t in new[] { scale, head, means, memoryMeans, hidden }) t?.Dispose();
        }
    }
}
