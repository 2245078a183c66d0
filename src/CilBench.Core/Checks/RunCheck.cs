namespace CilBench.Core.Checks;

/// <summary><see cref="ContractCheck.Run"/>: both runs reach the protocol's last task.</summary>
internal static class RunCheck
{
    public static CheckResult Judge(CheckEvidence e)
    {
        foreach (var (label, run) in e.Runs)
        {
            if (run.Completed) continue;
            var blamed = run.Blamed!;
            return CheckResult.Fail(ContractCheck.Run, blamed == ContractCheck.Run
                ? label + run.Stop
                : $"{label}stopped at task {run.StoppedAt} by the {blamed.Name} check");
        }
        var (first, second) = (e.First.Result!, e.Second!.Result!);
        var last = first.Stages[^1];
        var heads = string.Join(", ", last.Heads.Select(h => $"'{h.Key}' {h.Value.Top1:F1}%"));
        return CheckResult.Pass(ContractCheck.Run,
            $"{first.Stages.Count} tasks, {last.ClassesSeen} classes, twice with seed {first.Seed} ({first.Provenance.WallSeconds:F1} s, " +
            $"{second.Provenance.WallSeconds:F1} s); top-1 after the last task: {heads}");
    }
}
