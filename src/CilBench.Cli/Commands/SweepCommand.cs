using System.CommandLine;
using CilBench.Cli.Rendering;
using CilBench.Core.Protocols;
using CilBench.Core.Sweep;
using CilBench.Reports;
using CilBench.Torch;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace CilBench.Cli.Commands;

/// <summary>
/// `cilbench sweep`: every (method, budget point, seed) cell of a protocol, each in its own child `cilbench run`
/// process. A cell whose result carries the expected fingerprint is skipped; stale results and checkpoints are moved
/// aside and the cell runs again (resuming from a checkpoint of the same setup). Ends with a comparison table.
/// </summary>
internal static class SweepCommand
{
    public static Command Create(IServiceProvider services)
    {
        var protocol = new Option<string>("--protocol") { Description = "Protocol JSON file", Required = true };
        var methods = new Option<string?>("--methods") { Description = "Comma-separated method names (default: every loaded method)" };
        var budgets = new Option<string?>("--budgets") { Description = "Comma-separated budget point names (default: all of the protocol's)" };
        var seeds = new Option<string?>("--seeds") { Description = "Comma-separated seeds (default: the protocol's)" };
        var jobs = new Option<int>("--jobs") { Description = "Cells run at once", DefaultValueFactory = _ => 1 };
        var threads = CommonOptions.Threads("libtorch threads per cell (default: CILBENCH_THREADS, else cores / jobs)");
        var timeout = new Option<double?>("--timeout") { Description = "Minutes after which a cell is killed and recorded as hung" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print each cell's state and the command its child would run; run nothing" };
        var device = CommonOptions.Device();
        var output = CommonOptions.Output();
        var dirs = CommonOptions.PluginDirectories();
        var files = CommonOptions.PluginFiles();
        var command = new Command("sweep", "Run every cell of a protocol, one process per cell")
        {
            protocol, methods, budgets, seeds, jobs, threads, timeout, dryRun, device, output, dirs, files,
        };
        command.SetAction((parse, ct) => CliErrors.Guard(async () =>
        {
            var jobCount = parse.GetValue(jobs);
            if (jobCount <= 0) throw new ArgumentException($"--jobs must be positive, got {jobCount}");
            if (parse.GetValue(timeout) is <= 0 and var t) throw new ArgumentException($"--timeout must be a positive number of minutes, got {t}");
            var file = Path.GetFullPath(parse.GetValue(protocol)!);
            var p = services.GetRequiredService<ProtocolLoader>().Load(file);
            var catalog = CommonOptions.LoadPlugins(parse, dirs, files);
            p.CheckMethodNames(catalog.Methods.Select(m => m.Name).ToList());
            var chosen = (List(parse.GetValue(methods)) ?? catalog.Methods.Select(m => m.Name).Order().ToList()).Select(catalog.Find).ToList();
            var points = (List(parse.GetValue(budgets)) ?? p.Points.Select(x => x.Name).ToList()).Select(p.Point).ToList();
            var seedList = List(parse.GetValue(seeds))?.Select(Seed).ToList() ?? p.Spec.Seeds.ToList();
            var threadCount = CommonOptions.ResolveThreads(parse.GetValue(threads), Math.Max(1, Environment.ProcessorCount / jobCount));
            var outDir = CommonOptions.WritableOutput(parse.GetValue(output)!);
            var deviceName = Device.Parse(parse.GetValue(device)!).ToString();
            var plan = SweepPlan.Build(p, chosen, points, seedList, Device.Parse(deviceName), threadCount, outDir);

            var todo = plan.Cells.Where(c => CellFiles.Inspect(c, line => Console.Out.WriteLine($"stale: {line}")) == CellState.Pending).ToList();
            AnsiConsole.MarkupLineInterpolated($"{p.Name}: {plan.Cells.Count} cells, {plan.Cells.Count - todo.Count} already done, {todo.Count} to run ({threadCount} thread(s) each)");

            IReadOnlyList<string> Arguments(SweepCell c)
            {
                var args = new List<string>
                {
                    "run", "--protocol", file, "--method", c.Method, "--budget", c.Budget, "--seed", c.Seed.ToString(),
                    "--device", deviceName, "--out", outDir, "--threads", threadCount.ToString(), "--resume", "--progress", "json",
                };
                foreach (var d in parse.GetValue(dirs) ?? []) args.AddRange(["--plugins", Path.GetFullPath(d)]);
                foreach (var f in parse.GetValue(files) ?? []) args.AddRange(["--plugin", Path.GetFullPath(f)]);
                return args;
            }

            var (exe, prefix) = ChildProcessRunner.Self();
            if (parse.GetValue(dryRun))
            {
                foreach (var c in todo)
                    Console.Out.WriteLine($"{c.Cell}: {string.Join(' ', prefix.Prepend(exe).Concat(Arguments(c.Cell)).Select(Quote))}");
                return ExitCodes.Done;
            }

            var runner = new ChildProcessRunner(exe, prefix, parse.GetValue(timeout) is { } min ? TimeSpan.FromMinutes(min) : null);
            var cells = todo.Select(c => c.Cell).ToList();
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
            if (ReportBuilder.Build(outDir).Protocol(p.Name) is { } report) ReportRendering.Write(report);
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

    private static int Seed(string text) =>
        int.TryParse(text, out var s) ? s : throw new ArgumentException($"--seeds: '{text}' is not an integer seed");

    private static string Quote(string arg) => arg.Length > 0 && arg.All(c => char.IsLetterOrDigit(c) || "-_./:=,".Contains(c)) ? arg : $"'{arg.Replace("'", "'\\''")}'";

    private static List<string>? List(string? csv) =>
        string.IsNullOrWhiteSpace(csv) ? null : csv.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
