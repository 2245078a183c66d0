using System.CommandLine;
using CilBench.Cli.Rendering;
using CilBench.Core.Protocols;
using CilBench.Core.Results;
using CilBench.Core.Runner;
using CilBench.Core.Sweep;
using CilBench.Torch;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace CilBench.Cli.Commands;

/// <summary>
/// `cilbench run`: one cell (protocol x method x budget point x seed), written to DIR/&lt;protocol&gt;/&lt;method&gt;/&lt;budget&gt;/seed-&lt;S&gt;.json.
/// Everything is checked before training starts; the run itself works in the cell's own directory (seed-S.work), so
/// files a plugin writes stay with its cell.
/// </summary>
internal static class RunCommand
{
    public static Command Create(IServiceProvider services)
    {
        var protocol = new Option<string>("--protocol") { Description = "Protocol JSON file", Required = true };
        var method = new Option<string>("--method") { Description = "Method name (see `cilbench methods`; case does not matter)", Required = true };
        var budget = new Option<string?>("--budget") { Description = "Budget point name (required when the protocol has several)" };
        var seed = new Option<int?>("--seed") { Description = "Seed (default: the protocol's first)" };
        var device = CommonOptions.Device();
        var output = CommonOptions.Output();
        var threads = CommonOptions.Threads("libtorch threads (default: CILBENCH_THREADS, else one per core); part of the cell's fingerprint");
        var dirs = CommonOptions.PluginDirectories();
        var files = CommonOptions.PluginFiles();
        var progress = new Option<string>("--progress") { Description = "live (console) or json (one JSON line per event, for sweeps)", DefaultValueFactory = _ => "live" };
        progress.AcceptOnlyFromAmong("live", "json");
        var noAudit = new Option<bool>("--no-audit") { Description = "Skip the per-stage restart audit (the result then records audited: false)" };
        var resume = new Option<bool>("--resume") { Description = "Continue from the cell's last checkpoint (refused if it was made by another setup)" };
        var backends = new BackendOptions();
        var command = new Command("run", "Run one cell and write its result file")
        {
            protocol, method, budget, seed, device, output, threads, dirs, files, progress, noAudit, resume,
        };
        foreach (var option in backends.All) command.Options.Add(option);
        command.SetAction(parse => CliErrors.Guard(() =>
        {
            torch.set_num_threads(CommonOptions.ResolveThreads(parse.GetValue(threads), Environment.ProcessorCount));
            var p = services.GetRequiredService<ProtocolLoader>().Load(Path.GetFullPath(parse.GetValue(protocol)!));
            var catalog = CommonOptions.LoadPlugins(parse, dirs, files);
            p.CheckMethodNames(catalog.Methods.Select(m => m.Name).ToList());
            var request = new RunRequest(p, catalog.Find(parse.GetValue(method)!), p.Point(parse.GetValue(budget)),
                parse.GetValue(seed) ?? p.Spec.Seeds[0], Device.Parse(parse.GetValue(device)!).EnsureAvailable(),
                CommonOptions.WritableOutput(parse.GetValue(output)!))
            {
                Audit = !parse.GetValue(noAudit),
                Resume = parse.GetValue(resume),
                Backends = backends.Read(parse).Over(p.Spec.Backends),
            };
            _ = request.HyperParameters; // validated now, not after the data is loaded

            var work = ResultPaths.WorkingDirectory(request.ResultPath);
            Directory.CreateDirectory(work);
            Directory.SetCurrentDirectory(work);
            var runner = services.GetRequiredService<CellRunner>();
            var json = parse.GetValue(progress) == "json";
            var result = json ? runner.Run(request, new JsonLinesRunObserver()) : RunLive(runner, request);
            Directory.SetCurrentDirectory(Path.GetDirectoryName(work)!);
            if (!Directory.EnumerateFileSystemEntries(work).Any()) Directory.Delete(work);

            if (!json) Summary(result, request.ResultPath);
            if (result.OverBudgetAtTask is { } at)
            {
                CliErrors.Error($"over budget at task {at}: {result.OverBudgetReason}; partial result with {result.Stages.Count} stages in {request.ResultPath}");
                return ExitCodes.OverBudget;
            }
            return ExitCodes.Done;
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
                $"{last.TotalBytes - last.ExemplarBytes:N0}", last.Exemplars.ToString());
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLineInterpolated($"result: {path} ({result.Provenance.WallSeconds:F1}s)");
    }
}
