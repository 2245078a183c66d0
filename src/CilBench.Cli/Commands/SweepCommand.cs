using System.CommandLine;
using CilBench.Cli.Rendering;
using CilBench.Core.Protocols;
using CilBench.Core.Sweep;
using CilBench.Reports;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace CilBench.Cli.Commands;

/// <summary>
/// `cilbench sweep`: every (method, budget point, seed) cell of a protocol, each in its own child `cilbench run`
/// process; cells whose result file exists are skipped; ends with a comparison table.
/// </summary>
internal static class SweepCommand
{
    public static Command Create(IServiceProvider services)
    {
        var protocol = new Option<string>("--protocol") { Description = "Protocol JSON file", Required = true };
        var methods = new Option<string?>("--methods") { Description = "Comma-separated method names (default: every loaded method)" };
        var budgets = new Option<string?>("--budgets") { Description = "Comma-separated budget point names (default: all of the protocol's)" };
        var seeds = new Option<string?>("--seeds") { Description = "Comma-separated seeds (default: the protocol's)" };
        var jobs = new Option<int>("--jobs") { Description = "Cells run at once (one per GPU on a multi-GPU machine)", DefaultValueFactory = _ => 1 };
        var timeout = new Option<double?>("--timeout") { Description = "Minutes after which a cell is killed and recorded as hung" };
        var device = CommonOptions.Device();
        var output = CommonOptions.Output();
        var dirs = CommonOptions.PluginDirectories();
        var files = CommonOptions.PluginFiles();
        var command = new Command("sweep", "Run every cell of a protocol, one process per cell")
        {
            protocol, methods, budgets, seeds, jobs, timeout, device, output, dirs, files,
        };
        command.SetAction((parse, ct) => CliErrors.Guard(async () =>
        {
            var file = parse.GetValue(protocol)!;
            var p = services.GetRequiredService<ProtocolLoader>().Load(file);
            var catalog = CommonOptions.LoadPlugins(parse, dirs, files);
            var methodNames = List(parse.GetValue(methods)) ?? catalog.Methods.Select(m => m.Name).Order().ToList();
            foreach (var m in methodNames) catalog.Find(m);
            var points = (List(parse.GetValue(budgets)) ?? p.Points.Select(x => x.Name).ToList()).Select(b => p.Point(b).Name).ToList();
            var seedList = List(parse.GetValue(seeds))?.Select(int.Parse).ToList() ?? p.Spec.Seeds.ToList();
            var outDir = parse.GetValue(output)!;
            var cells = SweepCell.Plan(outDir, p.Name, methodNames, points, seedList);
            var todo = cells.Where(c => !File.Exists(c.ResultPath)).ToList();
            AnsiConsole.MarkupLineInterpolated($"{p.Name}: {cells.Count} cells, {cells.Count - todo.Count} already done, {todo.Count} to run");

            var (exe, prefix) = ChildProcessRunner.Self();
            var runner = new ChildProcessRunner(exe, prefix, parse.GetValue(timeout) is { } min ? TimeSpan.FromMinutes(min) : null);
            IReadOnlyList<string> Arguments(SweepCell c)
            {
                var args = new List<string>
                {
                    "run", "--protocol", file, "--method", c.Method, "--budget", c.Budget, "--seed", c.Seed.ToString(),
                    "--device", parse.GetValue(device)!, "--out", outDir, "--progress", "json",
                };
                foreach (var d in parse.GetValue(dirs) ?? []) args.AddRange(["--plugins", d]);
                foreach (var f in parse.GetValue(files) ?? []) args.AddRange(["--plugin", f]);
                return args;
            }

            IReadOnlyDictionary<SweepCell, CellOutcome> outcomes = new Dictionary<SweepCell, CellOutcome>();
            await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                    new ElapsedTimeColumn(), new RemainingTimeColumn())
                .StartAsync(async ctx =>
                {
                    var bars = todo.ToDictionary(c => c, c => ctx.AddTask(c.ToString(), autoStart: false, maxValue: p.Tasks.Count));
                    outcomes = await runner.RunAll(todo, Arguments, parse.GetValue(jobs), (cell, line) => Update(bars[cell], cell, line), ct);
                    foreach (var (cell, outcome) in outcomes)
                    {
                        bars[cell].Description = $"{cell}: {(outcome.Succeeded ? "done" : $"[red]FAILED[/] ({Markup.Escape(outcome.Reason ?? "")})")}";
                        bars[cell].Value = bars[cell].MaxValue;
                        bars[cell].StopTask();
                    }
                });
            foreach (var (cell, o) in outcomes.Where(o => !o.Value.Succeeded))
                AnsiConsole.MarkupLineInterpolated($"[red]{cell}[/]: {o.Reason}; see {cell.FailurePath}\n{o.StderrTail ?? ""}");
            if (ReportBuilder.Build(outDir).Protocol(p.Name) is { } report) ReportRendering.Write(report);
            return outcomes.Values.All(o => o.Succeeded) ? 0 : 1;
        }));
        return command;
    }

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

    private static List<string>? List(string? csv) =>
        string.IsNullOrWhiteSpace(csv) ? null : csv.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
