using System.CommandLine;
using CilBench.Cli.Rendering;
using CilBench.Core.Sweep;
using CilBench.Core.Sweep.Slurm;
using CilBench.Reports;
using Spectre.Console;

namespace CilBench.Cli.Commands;

/// <summary>
/// `cilbench sweep`: every (method, budget point, seed) cell of a protocol, each in its own `cilbench run --resume`
/// process: here (`--jobs` at once) or as one Slurm job array. A cell whose result carries the expected fingerprint is
/// skipped; stale results and checkpoints are moved aside and the cell runs again (resuming from a checkpoint of the
/// same setup). Both executors take their cells from one <see cref="SweepPlan"/>, so either can finish what the other
/// started. Ends with a comparison table (local) or the job id (slurm); `sweep status` says where each cell stands.
/// </summary>
internal static class SweepCommand
{
    public static Command Create(IServiceProvider services)
    {
        var selection = new SweepSelection();
        var executor = new Option<string>("--executor") { Description = "local (child processes here) or slurm (one job array, submitted with sbatch)", DefaultValueFactory = _ => "local" };
        executor.AcceptOnlyFromAmong("local", "slurm");
        var jobs = new Option<int>("--jobs") { Description = "Cells run at once (local)", DefaultValueFactory = _ => 1 };
        var devices = new Option<string?>("--devices")
        {
            Description = "Comma-separated devices the local workers take in turn, e.g. cuda:0,cuda:1: worker i runs its cells on device i mod count (replaces --device)",
        };
        var timeout = new Option<double?>("--timeout") { Description = "Minutes after which a cell is killed and recorded as hung (local)" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print each pending cell's command (local) or the job-array script and its cells (slurm); run and submit nothing" };
        var slurm = new SlurmSelection();
        var command = new Command("sweep", "Run every cell of a protocol, one process per cell, here or as a Slurm job array") { executor, jobs, devices, timeout, dryRun };
        foreach (var o in selection.All.Concat(slurm.All)) command.Options.Add(o);
        command.Subcommands.Add(SweepStatusCommand.Create(services));
        command.SetAction((parse, ct) => CliErrors.Guard(async () =>
        {
            var jobCount = parse.GetValue(jobs);
            if (jobCount <= 0) throw new ArgumentException($"--jobs must be positive, got {jobCount}");
            if (parse.GetValue(timeout) is <= 0 and var t) throw new ArgumentException($"--timeout must be a positive number of minutes, got {t}");
            var onSlurm = parse.GetValue(executor) == "slurm";
            if (onSlurm && parse.GetValue(devices) is not null) throw new ArgumentException("--devices is for the local executor; on Slurm ask for GPUs with --gpus-per-task and pass --device cuda");
            if (onSlurm && parse.GetValue(timeout) is not null) throw new ArgumentException("--timeout is for the local executor; on Slurm give each array task a --time HH:MM:SS");
            if (!onSlurm && slurm.All.FirstOrDefault(o => parse.GetResult(o) is { Implicit: false }) is { } given)
                throw new ArgumentException($"{given.Name} is for --executor slurm");
            if (onSlurm) slurm.Options(parse, threads: 1).Validate(); // before anything is loaded
            var cpus = parse.GetValue(slurm.CpusPerTask);
            var resolved = selection.Resolve(parse, services, () => onSlurm ? cpus ?? 1 : Math.Max(1, Environment.ProcessorCount / jobCount),
                fromSubmissions: false, devices: parse.GetValue(devices));
            var (p, plan, child) = (resolved.Protocol, resolved.Plan, resolved.Command);
            var options = onSlurm ? slurm.Options(parse, plan.Threads) : null;

            var todo = plan.Pending(CommonOptions.Stale);
            AnsiConsole.MarkupLineInterpolated($"{p.Name}: {plan.Cells.Count} cells, {plan.Cells.Count - todo.Count} already done, {todo.Count} to run ({plan.Threads} thread(s) each)");
            var cells = todo.Select(c => c.Cell).ToList();

            if (options is not null)
            {
                if (cells.Count == 0) return ExitCodes.Done;
                if (parse.GetValue(dryRun))
                {
                    var prepared = SlurmExecutor.Prepare(p.Name, cells, child, options);
                    Console.Out.Write($"{prepared.ScriptPath}:\n{prepared.Script}\n{prepared.ManifestPath}:\n{prepared.Manifest}");
                    return ExitCodes.Done;
                }
                SweepStatusCommand.Submitted(SlurmExecutor.Submit(p.Name, cells, child, options, SlurmCommands.Submit), child);
                return ExitCodes.Done;
            }

            // A cell with a checkpoint keeps the device it was made on (part of its fingerprint); the others take their worker's.
            var pinned = plan.Devices.Count > 1 ? todo.ToDictionary(c => c.Cell, CellFiles.CheckpointDevice) : [];
            IReadOnlyList<string> Arguments(SweepCell c, int worker) =>
                child.Arguments(c, pinned.GetValueOrDefault(c) ?? plan.Devices[worker % plan.Devices.Count].ToString());
            if (parse.GetValue(dryRun))
            {
                for (var i = 0; i < cells.Count; i++)
                    Console.Out.WriteLine($"{cells[i]}: {ShellWords.Join(child.Words(Arguments(cells[i], i % jobCount)))}");
                return ExitCodes.Done;
            }

            var runner = new ChildProcessRunner(child.Executable, child.Prefix, parse.GetValue(timeout) is { } min ? TimeSpan.FromMinutes(min) : null);
            IReadOnlyDictionary<SweepCell, CellOutcome> outcomes = new Dictionary<SweepCell, CellOutcome>();
            await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                    new ElapsedTimeColumn(), new RemainingTimeColumn())
                .StartAsync(async ctx =>
                {
                    var bars = cells.ToDictionary(c => c, c => ctx.AddTask(c.ToString(), autoStart: false, maxValue: p.Tasks.Count));
                    outcomes = await runner.RunAll(cells, Arguments, jobCount, (cell, line) => Update(bars[cell], cell, line), ct);
                    foreach (var (cell, outcome) in outcomes)
                    {
                        bars[cell].Description = $"{cell}: {Status(outcome)}";
                        bars[cell].Value = bars[cell].MaxValue;
                        bars[cell].StopTask();
                    }
                });
            foreach (var (cell, o) in outcomes.Where(o => !o.Value.Succeeded))
            {
                AnsiConsole.MarkupLineInterpolated($"[red]{cell}[/]: {o.Reason}; see {cell.FailurePath}");
                Console.Error.WriteLine(o.StderrTail ?? "");
            }
            if (ReportBuilder.Build(child.OutputRoot).Protocol(p.Name) is { } report) ReportRendering.Write(report);
            return outcomes.Values.All(o => o.Succeeded) ? ExitCodes.Done : ExitCodes.Failed;
        }));
        return command;
    }

    private static string Status(CellOutcome outcome) => outcome switch
    {
        { Succeeded: true, ExitCode: ExitCodes.OverBudget } => $"[yellow]partial[/] ({Markup.Escape(outcome.Reason ?? "over budget")})",
        { Succeeded: true } => "done",
        _ => $"[red]FAILED[/] ({Markup.Escape(outcome.Reason ?? "")})",
    };

    private static void Update(ProgressTask bar, SweepCell cell, string line)
    {
        if (ProgressLine.TryParse(line) is not { } e) return;
        if (!bar.IsStarted) bar.StartTask();
        switch (e.Event)
        {
            case "stage":
                bar.Value = e.Task;
                break;
            case "epoch" when e.Epochs is > 0:
                bar.Value = e.Task + 0.95 * e.Epoch!.Value / e.Epochs.Value;
                bar.Description = $"{cell}: task {e.Task + 1} {e.Phase} epoch {e.Epoch}/{e.Epochs} loss {e.Loss:F3}";
                break;
            case "stageDone":
                bar.Value = e.Task + 1;
                bar.Description = $"{cell}: task {e.Task + 1} top-1 {e.Top1:F2}%";
                break;
        }
    }
}
