using CilBench.Core.Memory;
using CilBench.Core.Plugins;
using CilBench.Core.Protocols;
using CilBench.Core.Results;

namespace CilBench.Core.Checks;

/// <summary>One run of the checked method through the real runner, and what its probes saw.</summary>
/// <param name="Result">The result, when the run reached its end.</param>
/// <param name="Error">Why it stopped otherwise.</param>
/// <param name="Probe">The probes' findings.</param>
internal sealed record CheckRun(RunResult? Result, Exception? Error, ProbeLog Probe)
{
    public bool Completed => Result is not null;

    /// <summary>
    /// The check a run's error belongs to: a violation the probes saw in the task the run stopped at (the runner then
    /// refused what the probe had already seen, e.g. a repeated candidate or non-finite scores), else the runner's own
    /// refusals name theirs, and the rest is the run's.
    /// </summary>
    public ContractCheck? Blamed => Error switch
    {
        null => null,
        _ when Probe.ViolatedNow is { } seen => seen,
        OverBudgetException => ContractCheck.Budget,
        InvalidOperationException e when e.Message.StartsWith("restart audit", StringComparison.Ordinal) => ContractCheck.State,
        _ => ContractCheck.Run,
    };

    /// <summary>What stopped the run, in one line: the learner call that threw, else the runner's message.</summary>
    public string Stop => $"stopped at task {Math.Max(Probe.Task, 0)}: {(Blamed == ContractCheck.Run ? Probe.Threw ?? Error!.Message : Error!.Message)}";
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
            if (!run.Completed) return CheckResult.NotRun(check, $"not checked at every stage: the {(label == "" ? "" : "second ")}run stopped at task {Math.Max(run.Probe.Task, 0)} ({run.Blamed!.Name})");
        return null;
    }
}
