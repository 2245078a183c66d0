using CilBench.Abstractions;
using CilBench.Core.Fingerprints;

namespace CilBench.Core.Checks;

/// <summary>
/// What the probes of one check run saw: the task under way, the first violation of each check, what a learner threw,
/// and the state at every stage. Shared by every learner the run creates (the trained one and the audit's reloads).
/// </summary>
internal sealed class ProbeLog(string workDirectory, CellFingerprint fingerprint)
{
    // In the order seen, one per check.
    private readonly List<(ContractCheck Check, string Message, int Task)> violations = [];

    /// <summary>A folder the probes may write to (checkpoint round trips).</summary>
    public string WorkDirectory { get; } = workDirectory;

    /// <summary>The run's fingerprint, which a checkpoint file carries.</summary>
    public CellFingerprint Fingerprint { get; } = fingerprint;

    /// <summary>The task being learned or evaluated; -1 before the first.</summary>
    public int Task { get; private set; } = -1;

    /// <summary>Classes seen after the current task: the width every head's scores must have.</summary>
    public int SeenClasses { get; private set; }

    /// <summary>The head names of the first prediction; later ones must match.</summary>
    public IReadOnlyList<string>? Heads { get; set; }

    /// <summary>The state at each stage, measured when the stage's first prediction was asked for.</summary>
    public List<StageState> Stages { get; } = [];

    /// <summary>Rankings asked for, and how many classes got fewer candidates than wanted (allowed: the harness keeps what is proposed).</summary>
    public int Rankings { get; set; }

    public int ShortRankings { get; set; }

    /// <summary>Every ranking returned, as (task, SHA-256 of its classes and positions), in order.</summary>
    public List<(int Task, string Digest)> RankingDigests { get; } = [];

    /// <summary>"Learn threw ... at task 1: ...", for the learner call that failed, if any.</summary>
    public string? Threw { get; private set; }

    public bool StageProbeDue => Task >= 0 && (Stages.Count == 0 || Stages[^1].Task != Task);

    public void TaskStarted(TaskContext task)
    {
        Task = task.TaskIndex;
        SeenClasses = task.TotalClasses;
    }

    /// <summary>Keeps the first violation of a check; later ones are usually its consequences.</summary>
    public void Violation(ContractCheck check, string message)
    {
        if (ViolationOf(check) is null) violations.Add((check, message, Task));
    }

    public string? ViolationOf(ContractCheck check) => violations.FirstOrDefault(v => v.Check == check).Message;

    /// <summary>The check of the first violation seen during the current task, if any (what a run that stops now stopped on).</summary>
    public ContractCheck? ViolatedNow => violations.FirstOrDefault(v => v.Task == Task).Check;

    /// <summary>Records the first learner call that threw; returns false so it can sit in an exception filter.</summary>
    public bool RecordThrow(string call, Exception e)
    {
        Threw ??= $"{call} threw {e.GetType().Name} at task {Task}: {e.Message}";
        return false;
    }
}
