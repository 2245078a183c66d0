using System.CommandLine;
using CilBench.Cli.Rendering;
using CilBench.Reports;
using CilBench.Reports.Exporters;
using Spectre.Console;

namespace CilBench.Cli.Commands;

/// <summary>`cilbench report`: aggregates a results directory into the leaderboard (Markdown, CSV, JSON, HTML with plots).</summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var results = new Option<string>("--results") { Description = "Results directory", DefaultValueFactory = _ => "results" };
        var output = new Option<string?>("--out") { Description = "Where the report files go (default: RESULTS/report)" };
        var breakdown = new Option<string?>("--memory-breakdown") { Description = "Method whose per-stage memory breakdown is plotted" };
        var command = new Command("report", "Aggregate results into the leaderboard and write Markdown, CSV, JSON and HTML (SVG plots)")
        {
            results, output, breakdown,
        };
        command.SetAction(parse => CliErrors.Guard(() =>
        {
            var dir = parse.GetValue(results)!;
            var report = ReportBuilder.Build(dir);
            var outDir = parse.GetValue(output) ?? Path.Combine(dir, "report");
            var html = parse.GetValue(breakdown) is { } m ? new HtmlExporter(memoryBreakdownMethod: m) : HtmlExporter.Default;
            var files = ReportWriter.WriteAll(report, outDir, MarkdownExporter.Default, CsvExporter.Default, JsonExporter.Default, html);
            foreach (var p in report.Protocols) ReportRendering.Write(p);
            if (report.Failures.Count > 0) ReportRendering.Render("failed cells", ReportTables.Failures(report.Failures));
            foreach (var f in files) AnsiConsole.MarkupLineInterpolated($"wrote {f}");
            return 0;
        }));
        return command;
    }
}
