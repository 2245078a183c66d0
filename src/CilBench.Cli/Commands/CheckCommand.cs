using System.CommandLine;
using CilBench.Cli.Rendering;
using CilBench.Core.Checks;
using CilBench.Torch;
using Microsoft.Extensions.DependencyInjection;

namespace CilBench.Cli.Commands;

/// <summary>
/// `cilbench check PLUGIN.dll`: the contract checks, one pass/fail line each, and a last line with the verdict. Exit
/// status 0 when every check passed, 1 when one failed or could not run, 2 for a usage error (bad protocol, no file).
/// The verdict line never reads "N passed, N failed": CI logs take that form for a test runner's summary.
/// </summary>
internal static class CheckCommand
{
    public static Command Create(IServiceProvider services)
    {
        var plugin = new Argument<string>("plugin") { Description = "The plugin DLL to check" };
        var protocol = new Option<string?>("--protocol") { Description = "Protocol JSON file (default: the built-in check protocol, seconds on Fashion-MNIST)" };
        var budget = new Option<string?>("--budget") { Description = "Budget point name (required when the protocol has several)" };
        var seed = new Option<int?>("--seed") { Description = "Seed of both runs (default: the protocol's first)" };
        var device = CommonOptions.Device();
        var command = new Command("check", "Check a method plugin against the learner contract before its results go on a leaderboard")
        {
            plugin, protocol, budget, seed, device,
        };
        command.SetAction(parse => CliErrors.Guard(() =>
        {
            var path = Path.GetFullPath(parse.GetValue(plugin)!);
            if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such plugin file");
            Console.WriteLine($"cilbench check {path}");
            var request = new CheckRequest(path)
            {
                ProtocolFile = parse.GetValue(protocol),
                Budget = parse.GetValue(budget),
                Seed = parse.GetValue(seed),
                Device = Device.Parse(parse.GetValue(device)!),
            };
            var report = services.GetRequiredService<ContractChecker>().Check(request, new ConsoleCheckObserver());
            var failed = report.Results.Where(r => r.Status == CheckStatus.Failed).Select(r => r.Check.Name).ToList();
            var notRun = report.Results.Where(r => r.Status == CheckStatus.NotRun).Select(r => r.Check.Name).ToList();
            Console.WriteLine(report.Passed ? $"result: PASS, all {report.Results.Count} checks passed"
                : failed.Count > 0 ? $"result: FAIL, {failed.Count} of {report.Results.Count} checks failed ({string.Join(", ", failed)}), {notRun.Count} not run"
                : $"result: FAIL, {notRun.Count} of {report.Results.Count} checks could not run ({string.Join(", ", notRun)})");
            return report.Passed ? 0 : 1;
        }));
        return command;
    }
}
