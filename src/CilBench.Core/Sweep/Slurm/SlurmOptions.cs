using System.Text.RegularExpressions;

namespace CilBench.Core.Sweep.Slurm;

/// <summary>
/// The resources each array task asks Slurm for; every field becomes one #SBATCH line. Null fields are left to the
/// cluster's defaults.
/// </summary>
/// <param name="CpusPerTask">--cpus-per-task (the cell's libtorch threads by default).</param>
/// <param name="Partition">--partition.</param>
/// <param name="GpusPerTask">--gpus-per-task.</param>
/// <param name="Time">--time, [D-]HH:MM:SS.</param>
/// <param name="ArrayLimit">How many array tasks run at once (--array=0-N%limit).</param>
/// <param name="SbatchArguments">Further sbatch options, one #SBATCH line each (e.g. --qos=high, --account=ml).</param>
public sealed partial record SlurmOptions(int CpusPerTask, string? Partition = null, int? GpusPerTask = null, string? Time = null, int? ArrayLimit = null,
    IReadOnlyList<string>? SbatchArguments = null)
{
    [GeneratedRegex(@"^(\d+-)?\d{1,3}:[0-5]\d:[0-5]\d$")]
    private static partial Regex TimeFormat();

    public IReadOnlyList<string> SbatchArguments { get; init; } = SbatchArguments ?? [];

    /// <summary>Refuses what sbatch would refuse later (or misread), naming the option and the value.</summary>
    /// <exception cref="ArgumentException">A count that is not positive, a malformed time, a partition or argument that is not one word.</exception>
    public SlurmOptions Validate()
    {
        if (CpusPerTask <= 0) throw new ArgumentException($"--cpus-per-task must be positive, got {CpusPerTask}");
        if (GpusPerTask is <= 0 and var g) throw new ArgumentException($"--gpus-per-task must be positive, got {g}");
        if (ArrayLimit is <= 0 and var l) throw new ArgumentException($"--array-limit must be positive, got {l}");
        if (Time is not null && !TimeFormat().IsMatch(Time))
            throw new ArgumentException($"--time '{Time}' is not a time limit: expected HH:MM:SS or D-HH:MM:SS, e.g. 02:00:00");
        if (Partition is not null && (Partition.Length == 0 || Partition.Any(c => char.IsWhiteSpace(c) || c is '"' or '\'')))
            throw new ArgumentException($"--partition '{Partition}' is not a partition name");
        foreach (var a in SbatchArguments)
            if (!a.StartsWith('-') || a.Contains('\n') || a.Contains('"') || (a.Any(char.IsWhiteSpace) && a.IndexOf('=') is var eq && (eq < 0 || a[..eq].Any(char.IsWhiteSpace))))
                throw new ArgumentException($"--sbatch-arg '{a}' is not an sbatch option: expected one option such as --qos=high (a value with spaces after '='), without newlines or double quotes");
        return this;
    }
}
