using CilBench.Abstractions;
using CilBench.Core.Memory;
using CilBench.Core.Scenario;
using CilBench.Torch;

namespace CilBench.Core.Runner;

/// <summary>
/// One task's training set as PyCIL builds it, the new classes' data followed by every exemplar, and the task's
/// context for the learner. Owns the images until disposed.
/// </summary>
internal sealed class StageData : IDisposable
{
    private readonly ImageStore store;

    private StageData(ImageStore store, DataView newData, TaskContext context)
    {
        this.store = store;
        NewData = newData;
        Context = context;
    }

    public DataView NewData { get; }

    public TaskContext Context { get; }

    /// <param name="scenario">The protocol applied to its dataset.</param>
    /// <param name="memory">The exemplar memory before the task.</param>
    /// <param name="task">The task index.</param>
    /// <param name="runSeed">The run's seed; the task's is derived from it.</param>
    /// <param name="served">Counts the images the learner reads.</param>
    /// <param name="progress">Where the learner's progress goes.</param>
    /// <param name="cancellation">Stops the learner between batches.</param>
    public static StageData Build(Scenario.Scenario scenario, ExemplarMemory memory, int task, int runSeed, ImageCounter served,
        IProgress<TrainingProgress> progress, CancellationToken cancellation)
    {
        var known = scenario.KnownBefore(task);
        var total = known + scenario.Protocol.Tasks[task].Length;
        var newPositions = scenario.TrainPositions(known, total);
        var memoryStore = memory.AsStore();
        ImageStore store;
        using (torch.NewDisposeScope())
            store = new ImageStore(
                torch.cat([scenario.Train.Gather(newPositions), memoryStore.Images]),
                newPositions.Select(p => scenario.Train.Labels[p]).Concat(memoryStore.Labels).ToArray(),
                scenario.Train.Transform,
                served);
        var newData = new DataView(store, Enumerable.Range(0, newPositions.Length).Select(i => (long)i).ToArray());
        var context = new TaskContext
        {
            TaskIndex = task,
            TaskCount = scenario.TaskCount,
            KnownClasses = known,
            TotalClasses = total,
            NewData = newData,
            TrainData = store.All(),
            Memory = memory.View,
            Seed = SeedOf(runSeed, task),
            Progress = progress,
            Cancellation = cancellation,
        };
        return new StageData(store, newData, context);
    }

    /// <summary>A task's seed: each task starts from its own, so results do not depend on what ran before (audits, a resume).</summary>
    public static int SeedOf(int runSeed, int task) => unchecked(runSeed * 7919 + task);

    public void Dispose() => store.Dispose();
}
