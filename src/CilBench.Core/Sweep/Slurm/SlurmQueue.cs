namespace CilBench.Core.Sweep.Slurm;

/// <summary>
/// What Slurm says about array tasks ("JOB_INDEX"): their state in the queue (squeue: pending, running, ...) and, where
/// the cluster keeps accounting, how the finished ones ended (sacct: COMPLETED, FAILED, TIMEOUT, CANCELLED, ...).
/// Without accounting (sacct fails, e.g. AccountingStorageType=accounting_storage/none) a task that left the queue
/// without a result is still known to have failed; only the reason is missing.
/// </summary>
/// <param name="Queued">Task to its squeue state.</param>
/// <param name="Finished">Task to its sacct state (first word: "CANCELLED by 0" is CANCELLED).</param>
/// <param name="AccountingUnavailable">Why sacct gave nothing, when it failed.</param>
public sealed record SlurmQueue(IReadOnlyDictionary<string, string> Queued, IReadOnlyDictionary<string, string> Finished, string? AccountingUnavailable)
{
    /// <summary>Asks squeue (every visible job; sacct only for <paramref name="jobIds"/>).</summary>
    /// <exception cref="InvalidOperationException">squeue failed: without it running tasks cannot be told from failed ones.</exception>
    public static SlurmQueue Query(IReadOnlyCollection<string> jobIds)
    {
        if (jobIds.Count == 0) return new SlurmQueue(new Dictionary<string, string>(), new Dictionary<string, string>(), null);
        var (code, stdout, stderr) = SlurmCommands.Run("squeue", "--noheader", "--array", "--format=%i|%T");
        if (code != 0) throw new InvalidOperationException($"squeue failed (exit {code}): {stderr.Trim()}");
        var queued = Parse(stdout, jobIds);
        var (acode, aout, aerr) = SlurmCommands.Run("sacct", "--noheader", "--parsable2", "--allocations", "--jobs", string.Join(',', jobIds), "--format=JobID,State");
        return acode == 0
            ? new SlurmQueue(queued, Parse(aout, jobIds), null)
            : new SlurmQueue(queued, new Dictionary<string, string>(), $"sacct: {FirstLine(aerr + aout)}");
    }

    /// <summary>"12_3|RUNNING" lines of the given jobs' array tasks; lines of other jobs and unexpanded ranges ("12_[4-7]") are skipped.</summary>
    public static Dictionary<string, string> Parse(string lines, IReadOnlyCollection<string> jobIds)
    {
        var states = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var bar = line.IndexOf('|');
            if (bar < 0) continue;
            var task = line[..bar];
            var underscore = task.IndexOf('_');
            if (underscore < 0 || !jobIds.Contains(task[..underscore]) || !task[(underscore + 1)..].All(char.IsAsciiDigit)) continue;
            var state = line[(bar + 1)..].Split(' ', 2)[0];
            if (state.Length > 0) states[task] = state;
        }
        return states;
    }

    private static string FirstLine(string text) => text.Trim().Split('\n')[0];
}
