using CilBench.Core.Results;

namespace CilBench.Core.Sweep.Slurm;

/// <summary>
/// Hands a sweep's pending cells to Slurm as one job array: writes OUT/.slurm/&lt;protocol&gt;-&lt;time&gt;.sh and its
/// cells manifest (.cells), submits with sbatch, records the submission (.json). Nothing trains on the submitting node.
/// </summary>
public static class SlurmExecutor
{
    /// <summary>
    /// What a submission writes, before anything is written: the script and manifest texts, and where they go: the
    /// Stem OUT/.slurm/&lt;protocol&gt;-&lt;time&gt; + .sh, .cells, .json (the record).
    /// </summary>
    public sealed record Prepared(string Stem, string Script, string Manifest, string LogPattern, DateTime Time)
    {
        public string ScriptPath => Stem + ".sh";
        public string ManifestPath => Stem + ".cells";
    }

    /// <param name="protocol">The protocol's name (file names, job name, the record).</param>
    /// <param name="cells">The cells to run, one array task each, in this order.</param>
    /// <param name="command">What each task runs.</param>
    /// <param name="options">Resources per task (validated here).</param>
    public static Prepared Prepare(string protocol, IReadOnlyList<SweepCell> cells, ChildCommand command, SlurmOptions options)
    {
        options.Validate();
        var dir = SlurmSubmission.Directory(command.OutputRoot);
        var now = DateTime.UtcNow;
        var stem = Path.Combine(dir, $"{protocol}-{now:yyyyMMdd'T'HHmmssfff}");
        var log = Path.Combine(dir, $"{protocol}-%A_%a.out");
        return new Prepared(stem, SlurmScript.Generate($"cilbench-{protocol}", options, cells.Count, stem + ".cells", log, command), SlurmScript.Manifest(cells), log, now);
    }

    /// <summary>
    /// Writes the script and manifest (<see cref="Prepare"/>), submits the script with <paramref name="submit"/>
    /// (<see cref="SlurmCommands.Submit"/>: returns the job id), records the submission beside them.
    /// </summary>
    public static SlurmSubmission Submit(string protocol, IReadOnlyList<SweepCell> cells, ChildCommand command, SlurmOptions options, Func<string, string> submit)
    {
        var prepared = Prepare(protocol, cells, command, options);
        AtomicFile.WriteAllText(prepared.ManifestPath, prepared.Manifest);
        AtomicFile.WriteAllText(prepared.ScriptPath, prepared.Script);
        var jobId = submit(prepared.ScriptPath);
        var record = new SlurmSubmission(protocol, jobId, prepared.Time, prepared.ScriptPath, prepared.ManifestPath, prepared.LogPattern,
            cells.Select(c => new SubmittedCell(c.Method, c.Budget, c.Seed)).ToList(), command, options);
        record.Save(prepared.Stem + ".json");
        return record;
    }
}
