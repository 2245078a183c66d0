using System.CommandLine;
using CilBench.Core.Sweep.Slurm;

namespace CilBench.Cli.Commands;

/// <summary>The resources a Slurm sweep asks for per array task (`sweep --executor slurm`; `sweep status --resubmit-failed` may change them).</summary>
internal sealed class SlurmSelection
{
    public Option<string?> Partition { get; } = new("--partition") { Description = "Slurm partition (slurm)" };
    public Option<int?> GpusPerTask { get; } = new("--gpus-per-task") { Description = "GPUs per array task (slurm); pass --device cuda with it" };
    public Option<int?> CpusPerTask { get; } = new("--cpus-per-task") { Description = "CPUs per array task (slurm; default: the cell's --threads)" };
    public Option<string?> Time { get; } = new("--time") { Description = "Time limit per array task, HH:MM:SS or D-HH:MM:SS (slurm); a cell that runs out resumes from its checkpoint when resubmitted" };
    public Option<int?> ArrayLimit { get; } = new("--array-limit") { Description = "Array tasks run at once (slurm: --array=0-N%LIMIT)" };
    public Option<string[]> SbatchArguments { get; } = new("--sbatch-arg") { Description = "Another sbatch option for the script, e.g. --sbatch-arg=--qos=high (repeatable)" };

    public IEnumerable<Option> All => [Partition, GpusPerTask, CpusPerTask, Time, ArrayLimit, SbatchArguments];

    /// <summary>The options given, each falling back to <paramref name="earlier"/>'s when there is one (a resubmission asks for what the submission did).</summary>
    public SlurmOptions Options(ParseResult parse, int threads, SlurmOptions? earlier = null) => new(
        parse.GetValue(CpusPerTask) ?? earlier?.CpusPerTask ?? threads,
        parse.GetValue(Partition) ?? earlier?.Partition,
        parse.GetValue(GpusPerTask) ?? earlier?.GpusPerTask,
        parse.GetValue(Time) ?? earlier?.Time,
        parse.GetValue(ArrayLimit) ?? earlier?.ArrayLimit,
        parse.GetValue(SbatchArguments) is { Length: > 0 } extra ? extra : earlier?.SbatchArguments ?? []);
}
