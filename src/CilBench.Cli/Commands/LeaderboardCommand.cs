using System.CommandLine;
using CilBench.Cli.Rendering;
using CilBench.Core.Protocols;
using CilBench.Reports;
using CilBench.Reports.Site;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace CilBench.Cli.Commands;

/// <summary>`cilbench leaderboard publish RESULTS... --out SITE`: the leaderboards of any number of results directories as a static site.</summary>
internal static class LeaderboardCommand
{
    public static Command Create(IServiceProvider services)
    {
        var results = new Argument<string[]>("results") { Description = "Results directories, merged (runs from many machines)", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out") { Description = "Directory the site is written to", Required = true };
        var protocols = new Option<string[]>("--protocol")
        {
            Description = "Protocol file whose `published` figures are set beside the results (repeatable; default: the file each result names, where it exists)",
        };
        var publish = new Command("publish", "Write the leaderboards as a static site: HTML with SVG figures, CSV and JSON; works from file:// and any static host")
        {
            results, output, protocols,
        };
        publish.SetAction(parse => CliErrors.Guard(() =>
        {
            var report = ReportBuilder.Build(parse.GetValue(results)!);
            var loader = services.GetRequiredService<ProtocolLoader>();
            var files = parse.GetValue(protocols) is { Length: > 0 } given
                ? given
                : report.Protocols.SelectMany(p => p.ProtocolFiles).Where(File.Exists).ToArray();
            var claims = files.Select(f => PublishedClaims.Of(loader.Load(f))).ToList();
            if (claims.GroupBy(c => c.Protocol).FirstOrDefault(g => g.Count() > 1) is { } twice)
                throw new ArgumentException($"--protocol: two files for protocol '{twice.Key}': {string.Join(", ", twice.Select(c => c.File))}");
            var outDir = parse.GetValue(output)!;
            var index = LeaderboardSite.Publish(report, claims, outDir);
            foreach (var p in report.Protocols)
            {
                ReportRendering.Leaderboard(p);
                AnsiConsole.MarkupLineInterpolated($"{p.Name}: average incremental accuracy against memory: [bold]{Path.GetFullPath(Path.Combine(outDir, LeaderboardSite.FigurePath(p.Name)))}[/]");
            }
            AnsiConsole.MarkupLineInterpolated($"site: [bold]{Path.GetFullPath(index)}[/]");
            return 0;
        }));
        return new Command("leaderboard", "Publish leaderboards") { publish };
    }
}
