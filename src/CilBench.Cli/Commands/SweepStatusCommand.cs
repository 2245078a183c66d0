using System.CommandLine;
using CilBench.Core.Sweep;
using CilBench.Core.Sweep.Slurm;

namespace CilBench.Cli.Commands;

/// <summary>
/// `cilbench sweep status --protocol FILE --out DIR`: each cell done / running / queued / pending / failed, from its files and,
/// for cells a Slurm submission in DIR/.slurm covers, squeue and sacct. `--resubmit-failed` submits the failed cells
/// (not done, not in the queue) as a new job array; each resumes from its checkpoint where it has one of the same setup.
/// </summary>
internal static class SweepStatusCommand
{
    public static Command Create(IServiceProvider services)
    {
        var selection = new SweepSelection();
        var slurm = new SlurmSelection();
        var resubmit = new Option<bool>("--resubmit-failed") { Description = "Submit the failed cells to Slurm again, with the latest submission's resources unless given" };
        var command = new Command("status", "Where each cell of a sweep stands: done, running or queued (in Slurm's queue), pending (not run yet), failed") { resubmit };
        foreach (var o in selection.All.Concat(slurm.All)) command.Options.Add(o);
        command.SetAction(parse => CliErrors.Guard(() =>
        {
            var resolved = selection.Resolve(parse, services, () => Math.Max(1, Environment.ProcessorCount), fromSubmissions: true);
            var (p, plan, child, submissions) = resolved;
            var states = SweepStatus.Of(plan, submissions, SlurmQueue.Query);
            foreach (var s in states) Console.Out.WriteLine($"{s.Cell.Cell}: {Name(s.State)} ({s.Detail})");
            var counts = Enum.GetValues<CellProgress>().Select(k => $"{states.Count(s => s.State == k)} {Name(k)}");
            Console.Out.WriteLine($"{p.Name}: {states.Count} cells: {string.Join(", ", counts)}");

            if (!parse.GetValue(resubmit)) return ExitCodes.Done;
            var failed = states.Where(s => s.State == CellProgress.Failed).Select(s => s.Cell).ToList();
            if (failed.Count == 0)
            {
                Console.Out.WriteLine("no failed cells to resubmit");
                return ExitCodes.Done;
            }
            var latest = submissions.LastOrDefault()
                ?? throw new InvalidOperationException($"no Slurm submission of {p.Name} in {SlurmSubmission.Directory(child.OutputRoot)}: submit with `cilbench sweep --executor slurm` first");
            // The same check as a sweep's: a checkpoint from another setup is moved aside, one of this setup resumes.
            var cells = SweepPlan.Pending(failed, CommonOptions.Stale).Select(c => c.Cell).ToList();
            Submitted(SlurmExecutor.Submit(p.Name, cells, child, slurm.Options(parse, plan.Threads, latest.Slurm), SlurmCommands.Submit), child);
            return ExitCodes.Done;
        }));
        return command;
    }

    /// <summary>Says what was submitted and how to follow it.</summary>
    public static void Submitted(SlurmSubmission s, ChildCommand child) =>
        Console.Out.WriteLine($"submitted {s.Cells.Count} cell(s) as Slurm job {s.JobId}: {s.Script} (logs {s.LogPattern}); follow with: cilbench sweep status --protocol {ShellWords.Quote(child.ProtocolFile)} --out {ShellWords.Quote(child.OutputRoot)}");

    private static string Name(CellProgress state) => state.ToString().ToLowerInvariant();
}
