namespace CilBench.Core.Checks;

/// <summary>
/// <see cref="ContractCheck.State"/>: at every stage the state came back bit for bit from a checkpoint file (the probe),
/// and the runner's restart audit passed (a run with the audit on ended).
/// </summary>
internal static class StateCheck
{
    public static CheckResult Judge(CheckEvidence e)
    {
        if (e.Prejudge(ContractCheck.State) is { } verdict) return verdict;
        var tasks = e.Protocol.Tasks.Count;
        foreach (var (label, run) in e.Runs)
            if (run.Probe.Stages.Count != tasks)
                return CheckResult.Fail(ContractCheck.State, $"{label}the state was probed at {run.Probe.Stages.Count} of {tasks} stages: Predict was never asked at some stage");
        var last = e.First.Probe.Stages[^1];
        return CheckResult.Pass(ContractCheck.State,
            $"{tasks} stages, twice: the state ({last.Digests.Count} tensors, {last.Bytes.Total:N0} bytes after the last task) came back " +
            "bit for bit from a checkpoint, and the restart audit passed after every stage");
    }
}
