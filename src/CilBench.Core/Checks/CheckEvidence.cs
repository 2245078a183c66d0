using CilBench.Core.Memory;
using CilBench.Core.Plugins;
using CilBench.Core.Protocols;
using CilBench.Core.Results;
using CilBench.Core.Runner;

namespace CilBench.Core.Checks;

/// <summary>One run of the checked method through the real runner, and what its probes saw.</summary>
/// <param name="Result">The result, when the run reached its end.</param>
/// <param name="Error">Why it stopped otherwise.</param>
/// <param name="Probe">The probes' findings.</param>
internal sealed record CheckRun(RunResult? Result, Exception? Error, ProbeLog Probe)
{
    /// <summary>The run reached the protocol's last task (a model that outgrew its budget ends early with a partial result).</summary>
    public bool Completed => Result is { OverBudgetAtTask: null };

    /// <summary>The task the run stopped at, if it stopped.</summary>
    public int StoppedAt => Result?.OverBudgetAtTask ?? Math.Max(Probe.Task, 0);

    /// <summary>
    /// The check a stopped run belongs to: a violation the probes saw in the task the run stopped at (the runner then
    /// refused what the probe had already seen, e.g. a repeated candidate), else the runner's own verdicts name theirs
    /// (the budget, the restart audit), and the rest is the run's: a learner rebuilt by the audit that fails in the next
    /// task may have lost what it kept outside its state, or may fail anyway, and the runner's message says both.
    /// </summary>
    public ContractCheck? Blamed => (Result, Error) switch
    {
        ({ OverBudgetAtTask: not null }, _) => ContractCheck.Budget,
        (_, null) => null,
        _ when Probe.ViolatedNow is { } seen => seen,
        (_, OverBudgetException) => ContractCheck.Budget,
        (_, LearnerContractException e) when e.Message.StartsWith("restart audit", StringComparison.Ordinal) => ContractCheck.State,
        _ => ContractCheck.Run,
    };

    /// <summary>What stopped the run, in one line: the runner's verdict, else the learner call that threw.</summary>
    public string Stop => $"stopped at task {StoppedAt}: " + Error switch
    {
        null => Result!.OverBudgetReason,
        LearnerContractException or OverBudgetException => Error.Message,
        _ => Probe.Threw ?? Error.Message,
    };
}

/// <summary>What the run-based checks judge: two runs of the same cell (same seed), the second only if the first ended.</summary>
internal sealed record CheckEvidence(Protocol Protocol, BudgetPoint Point, LoadedMethod Method, CheckRun First, CheckRun? Second)
{
    public IEnumerable<(string Label, CheckRun Run)> Runs =>
        Second is null ? [("", First)] : [("", First), ("second run (same seed): ", Second)];

    /// <summary>
    /// The verdict every run-based check shares: failed when a probe saw a violation or a run stopped because of this
    /// check, not run when a run stopped for another reason; null when both runs ended clean and the check decides.
    /// </summary>
    public CheckResult? Prejudge(ContractCheck check)
    {
        foreach (var (label, run) in Runs)
            if (run.Probe.ViolationOf(check) is { } violation) return CheckResult.Fail(check, label + violation);
        foreach (var (label, run) in Runs)
            if (run.Blamed == check) return CheckResult.Fail(check, label + run.Stop);
        foreach (var (label, run) in Runs)
            if (!run.Completed) return CheckResult.NotRun(check, $"not checked at every stage: the {(label == "" ? "" : "second ")}run stopped at task {run.StoppedAt} ({run.Blamed!.Name})");
        return null;
    }
}
