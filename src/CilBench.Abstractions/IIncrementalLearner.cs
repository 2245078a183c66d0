using CilBench.Torch;

namespace CilBench.Abstractions;

/// <summary>
/// One run of a method. The harness owns the data, the exemplar memory, the memory accounting and the evaluation;
/// the learner owns only how it learns and predicts. For each task the harness calls, in order:
/// <see cref="Learn"/>, <see cref="RankExemplars"/>, <see cref="MemoryUpdated"/>, then measures
/// <see cref="State"/> and evaluates with <see cref="Predict"/>.
/// </summary>
/// <remarks>
/// Class labels the learner sees are incremental indices: the classes of task 0 are 0..n0-1 in the protocol's
/// class order, the next task's follow, and so on (as PyCIL remaps them).
/// </remarks>
public interface IIncrementalLearner : IDisposable
{
    /// <summary>Learns one task: new classes <c>task.KnownClasses .. task.TotalClasses - 1</c>.</summary>
    void Learn(TaskContext task);

    /// <summary>
    /// Ranks the candidates of each requested class, best first (e.g. herding order). The harness keeps the first
    /// <see cref="ClassCandidates.Wanted"/> of each; when memory later shrinks, it keeps a prefix of this order.
    /// </summary>
    ExemplarRanking RankExemplars(ExemplarRequest request);

    /// <summary>
    /// Called after the harness has filled the exemplar memory for this task (e.g. to compute NME class means).
    /// Anything computed here that prediction needs must be part of <see cref="State"/>.
    /// </summary>
    void MemoryUpdated(IExemplarMemoryView memory);

    /// <summary>
    /// Scores of every class seen so far for a batch of normalised images, one or more named heads, primary first.
    /// The learner never sees test labels.
    /// </summary>
    Predictions Predict(Tensor images);

    /// <summary>
    /// Every tensor the learner keeps between tasks, and the bookkeeping needed to rebuild itself. This is what is
    /// counted as model memory and what is checkpointed: a learner that keeps anything outside it cannot resume.
    /// </summary>
    LearnerState State();

    /// <summary>Restores a learner created by the same method and context from <see cref="State"/>.</summary>
    void Load(LearnerState state);
}
