namespace CilBench.Core.Sweep.Slurm;

/// <summary>
/// The job-array script of a Slurm sweep: one array task per cell; task i reads line i + 1 of the cells manifest
/// (method, budget point, seed, tab-separated) and runs that cell's `cilbench run --resume` into the shared results
/// directory, so a task that was preempted, timed out or cancelled continues from its checkpoint when it runs again.
/// </summary>
public static class SlurmScript
{
    private const string Method = "\"$method\"", Budget = "\"$budget\"", Seed = "\"$seed\"";

    /// <summary>The manifest: one "method\tbudget\tseed" line per cell, in array-index order.</summary>
    public static string Manifest(IEnumerable<SweepCell> cells) => string.Concat(cells.Select(c => $"{c.Method}\t{c.Budget}\t{c.Seed}\n"));

    /// <param name="jobName">--job-name.</param>
    /// <param name="options">Resources per task.</param>
    /// <param name="tasks">Number of cells (array tasks 0 .. tasks - 1).</param>
    /// <param name="manifestPath">Absolute path of the manifest.</param>
    /// <param name="logPattern">Absolute --output path; %A is the job id, %a the array index.</param>
    /// <param name="command">The cell command every task runs.</param>
    public static string Generate(string jobName, SlurmOptions options, int tasks, string manifestPath, string logPattern, ChildCommand command)
    {
        if (tasks <= 0) throw new ArgumentException("a job array needs at least one cell", nameof(tasks));
        var lines = new List<string>
        {
            "#!/bin/bash",
            $"#SBATCH --job-name={Directive(jobName)}",
            $"#SBATCH --array=0-{tasks - 1}{(options.ArrayLimit is { } limit ? $"%{limit}" : "")}",
            $"#SBATCH --output={Directive(logPattern)}",
            $"#SBATCH --cpus-per-task={options.CpusPerTask}",
        };
        if (options.Partition is { } p) lines.Add($"#SBATCH --partition={p}");
        if (options.GpusPerTask is { } g) lines.Add($"#SBATCH --gpus-per-task={g}");
        if (options.Time is { } t) lines.Add($"#SBATCH --time={t}");
        lines.AddRange(options.SbatchArguments.Select(a => a.IndexOf('=') is > 0 and var eq ? $"#SBATCH {a[..eq]}={Directive(a[(eq + 1)..])}" : $"#SBATCH {a}"));
        lines.Add("# Written by `cilbench sweep --executor slurm`. Array task i runs the cell on line i + 1 of the manifest;");
        lines.Add("# `run --resume` continues from the cell's checkpoint if an earlier attempt left one of the same setup.");
        lines.Add("set -euo pipefail");
        lines.Add($"IFS=$'\\t' read -r method budget seed < <(sed -n \"$((SLURM_ARRAY_TASK_ID + 1))p\" {ShellWords.Quote(manifestPath)})");
        var words = command.Words(command.Arguments(Method, Budget, Seed));
        lines.Add("exec " + string.Join(' ', words.Select(w => w is Method or Budget or Seed ? w : ShellWords.Quote(w))));
        return string.Join('\n', lines) + "\n";
    }

    // sbatch reads an #SBATCH value up to white space unless it is double-quoted (it strips the quotes).
    private static string Directive(string value)
    {
        if (value.Contains('"') || value.Contains('\n')) throw new ArgumentException($"'{value}' cannot be written on an #SBATCH line (it holds a double quote or a newline)");
        return value.Any(char.IsWhiteSpace) ? $"\"{value}\"" : value;
    }
}
