using CilBench.Core.Results;

namespace CilBench.Core.Sweep.Slurm;

/// <summary>
/// Hands a sweep's pending cells to Slurm as one job array: writes OUT/.slurm/&lt;protocol&gt;-&lt;time&gt;.sh and its
/// cells manifest, submits with sbatch, records the submission. Nothing trains on the submitting node.
/// </summary>
public static class SlurmExecutor
{
    /// <param name="protocol">The protocol's name (file names, job name, the record).</param>
    /// <param name="cells">The cells to run, one array task each, in this order.</param>
    /// <param name="command">What each task runs.</param>
    /// <param name="options">Resources per task (validated here).</param>
    /// <param name="submit">Submits a script and returns its job id (<see cref="SlurmCommands.Submit"/>).</param>
    public static SlurmSubmission Submit(string protocol, IReadOnlyList<SweepCell> cells, ChildCommand command, SlurmOptions options, Func<string, string> submit)
    {
        options.Validate();
        var dir = SlurmSubmission.Directory(command.OutputRoot);
        Directory.CreateDirectory(dir);
        var now = DateTime.UtcNow;
        var stem = Path.Combine(dir, $"{protocol}-{now:yyyyMMdd'T'HHmmssfff}");
        var manifest = stem + ".cells";
        var script = stem + ".sh";
        var log = Path.Combine(dir, $"{protocol}-%A_%a.out");
        AtomicFile.WriteAllText(manifest, SlurmScript.Manifest(cells));
        AtomicFile.WriteAllText(script, SlurmScript.Generate($"cilbench-{protocol}", options, cells.Count, manifest, log, command));
        var jobId = submit(script);
        var record = new SlurmSubmission(protocol, jobId, now, script, manifest, log, cells.Select(c => new SubmittedCell(c.Method, c.Budget, c.Seed)).ToList(),
            command, options);
        record.Save(stem + ".json");
        return record;
    }
}
