using System.CommandLine;
using CilBench.Cli.Rendering;
using CilBench.Core.Protocols;
using CilBench.Core.Results;
using CilBench.Core.Runner;
using CilBench.Torch;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace CilBench.Cli.Commands;

/// <summary>`cilbench run`: one cell (protocol x method x budget point x seed), written to DIR/&lt;protocol&gt;/&lt;method&gt;/&lt;budget&gt;/seed-&lt;S&gt;.json.</summary>
internal static class RunCommand
{
    public static Command Create(IServiceProvider services)
    {
        var protocol = new Option<string>("--protocol") { Description = "Protocol JSON file", Required = true };
        var method = new Option<string>("--method") { Description = "Method name (see `cilbench methods`)", Required = true };
        var budget = new Option<string?>("--budget") { Description = "Budget point name (required when the protocol has several)" };
        var seed = new Option<int?>("--seed") { Description = "Seed (default: the protocol's first)" };
        var device = CommonOptions.Device();
        var output = CommonOptions.Output();
        var dirs = CommonOptions.PluginDirectories();
        var files = CommonOptions.PluginFiles();
        var progress = new Option<string>("--progress") { Description = "live (console) or json (one JSON line per event, for sweeps)", DefaultValueFactory = _ => "live" };
        var noAudit = new Option<bool>("--no-audit") { Description = "Skip the per-stage restart audit (reload state into a fresh learner and compare predictions)" };
        var resume = new Option<bool>("--resume") { Description = "Continue from the cell's last checkpoint" };
        var command = new Command("run", "Run one cell and write its result file")
        {
            protocol, method, budget, seed, device, output, dirs, files, progress, noAudit, resume,
        };
        command.SetAction(parse => CliErrors.Guard(() =>
        {
            var p = services.GetRequiredService<ProtocolLoader>().Load(parse.GetValue(protocol)!);
            var catalog = CommonOptions.LoadPlugins(parse, dirs, files);
            var request = new RunRequest(p, catalog.Find(parse.GetValue(method)!), p.Point(parse.GetValue(budget)),
                parse.GetValue(seed) ?? p.Spec.Seeds[0], Device.Parse(parse.GetValue(device)!).EnsureAvailable(), parse.GetValue(output)!)
            {
                Audit = !parse.GetValue(noAudit),
                Resume = parse.GetValue(resume),
            };
            var runner = services.GetRequiredService<CellRunner>();
            var result = parse.GetValue(progress) == "json"
                ? runner.Run(request, new JsonLinesRunObserver())
                : RunLive(runner, request);
            if (parse.GetValue(progress) != "json") Summary(result, request.ResultPath);
            return 0;
        }));
        return command;
    }

    private static RunResult RunLive(CellRunner runner, RunRequest request)
    {
        RunResult result = null!;
        var tasks = request.Protocol.Tasks.Count;
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var bar = ctx.AddTask($"{request.Method.Name}", maxValue: tasks);
                result = runner.Run(request, new ConsoleRunObserver(bar, tasks));
                bar.Value = tasks;
            });
        return result;
    }

    private static void Summary(RunResult result, string path)
    {
        var last = result.Stages[^1].Memory;
        var table = new Table().AddColumns("head", "avg inc. acc", "last acc", "forgetting", "BWT", "model bytes", "exemplars");
        foreach (var (head, s) in result.Summary)
            table.AddRow(head, $"{s.AverageIncrementalAccuracy:F2}", $"{s.LastAccuracy:F2}", $"{s.Forgetting:F2}", $"{s.Bwt:F2}",
                $"{last.ParameterBytes + last.BufferBytes:N0}", last.Exemplars.ToString());
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLineInterpolated($"result: {path} ({result.Provenance.WallSeconds:F1}s)");
    }
}
