using System.Text.Json.Nodes;

namespace CilBench.Abstractions;

/// <summary>What the harness gives a learner for one task.</summary>
public sealed class TaskContext
{
    /// <summary>Zero-based index of this task.</summary>
    public required int TaskIndex { get; init; }

    /// <summary>Number of tasks in the protocol.</summary>
    public required int TaskCount { get; init; }

    /// <summary>Classes seen before this task (the new classes start at this index).</summary>
    public required int KnownClasses { get; init; }

    /// <summary>Classes seen after this task.</summary>
    public required int TotalClasses { get; init; }

    /// <summary>Number of new classes in this task.</summary>
    public int NewClasses => TotalClasses - KnownClasses;

    /// <summary>Training data of the new classes only.</summary>
    public required IDataView NewData { get; init; }

    /// <summary>The task's training set as PyCIL builds it: new classes' data followed by all exemplars.</summary>
    public required IDataView TrainData { get; init; }

    /// <summary>The exemplar memory as it stands before this task (read only).</summary>
    public required IExemplarMemoryView Memory { get; init; }

    /// <summary>Seed for this task (derived from the run seed and the task index).</summary>
    public required int Seed { get; init; }

    /// <summary>Reports training progress (epoch, loss); the harness shows it with an ETA.</summary>
    public required IProgress<TrainingProgress> Progress { get; init; }

    /// <summary>Cancelled when the run is stopped; learners check it between batches.</summary>
    public CancellationToken Cancellation { get; init; }

    private readonly List<StageEvent> events = [];

    /// <summary>Events reported during this task, in order.</summary>
    public IReadOnlyList<StageEvent> Events => events;

    /// <summary>
    /// Records a method-specific event in this stage of the result file (e.g. GRACE's eRank and its grow/compress
    /// decision), so readers see what the method decided and when.
    /// </summary>
    public void ReportEvent(string kind, JsonObject data) => events.Add(new StageEvent(kind, data));
}

/// <summary>A method-specific event of one stage.</summary>
/// <param name="Kind">Short name, e.g. "compress".</param>
/// <param name="Data">Event details.</param>
public sealed record StageEvent(string Kind, JsonObject Data);

/// <summary>One progress report of a learner.</summary>
/// <param name="Phase">What is being trained, e.g. "train", "compress", "finetune".</param>
/// <param name="Epoch">Epochs completed in this phase (1-based after the first epoch).</param>
/// <param name="Epochs">Epochs of this phase.</param>
/// <param name="Loss">Mean training loss of the last epoch.</param>
/// <param name="TrainAccuracy">Training accuracy of the last epoch in percent, if measured.</param>
public sealed record TrainingProgress(string Phase, int Epoch, int Epochs, double Loss, double? TrainAccuracy = null);
