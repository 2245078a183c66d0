using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using CilBench.Reports.Exporters;
using CsvHelper;

namespace CilBench.Reports.Tests;

public class ExporterTests
{
    [Fact]
    public void Csv_summary_parses_back_to_the_aggregated_numbers()
    {
        using var results = SyntheticResults.Standard();
        var files = CsvExporter.Default.Render(ReportBuilder.Build(results.Root)).ToDictionary(f => f.RelativePath, f => f.Content);

        var rows = Read(files["summary.csv"]);
        Assert.Equal(3 * 2 + 3 + 1, rows.Count); // replay: 3 budgets x 2 heads; finetune: 3; joint: 1
        var row = rows.Single(r => r["method"] == "replay" && r["budget"] == "b1" && r["head"] == "cnn");
        Assert.Equal(71, double.Parse(row["aia_mean"], CultureInfo.InvariantCulture), 10);
        Assert.Equal(Math.Sqrt(2), double.Parse(row["aia_std"], CultureInfo.InvariantCulture), 10);
        Assert.Equal(1.0, double.Parse(row["memory_mb"], CultureInfo.InvariantCulture));
        Assert.Equal("BudgetBytes", row["memory_source"]);
        Assert.Equal(105, double.Parse(row["exemplars_mean"], CultureInfo.InvariantCulture));
        Assert.Equal("false", row["reference"]);
        Assert.Equal("true", rows.Single(r => r["method"] == "joint")["reference"]);
    }

    [Fact]
    public void Csv_has_a_row_per_run_and_head_and_per_stage()
    {
        using var results = SyntheticResults.Standard();
        var files = CsvExporter.Default.Render(ReportBuilder.Build(results.Root)).ToDictionary(f => f.RelativePath, f => f.Content);

        var runs = Read(files["runs.csv"]);
        Assert.Equal(6 * 2 + 6 + 2, runs.Count);
        var run = runs.Single(r => r["method"] == "finetune" && r["budget"] == "b3" && r["seed"] == "1");
        Assert.Equal(72.0, double.Parse(run["aia"], CultureInfo.InvariantCulture)); // 70 - 10 + 10 + 2
        Assert.Equal("212000", run["model_bytes"]);

        var stages = Read(files["stages.csv"]);
        Assert.Equal((6 + 3 + 1) * 3, stages.Count);
        var stage = stages.Single(r => r["method"] == "replay" && r["budget"] == "b2" && r["head"] == "cnn" && r["task"] == "2");
        Assert.Equal("6", stage["classes_seen"]);
        Assert.Equal(66, double.Parse(stage["top1_mean"], CultureInfo.InvariantCulture), 10); // 60 + 5 + 1

        var auc = Read(files["auc.csv"]);
        Assert.Equal(2.305, double.Parse(auc.Single(r => r["method"] == "replay" && r["head"] == "cnn")["auc_a"], CultureInfo.InvariantCulture), 10);
    }

    [Fact]
    public void Markdown_holds_the_leaderboard_numbers_and_the_failed_cells()
    {
        using var results = SyntheticResults.Standard();
        results.AddFailure("finetune", 2, 2, "out of memory");
        var md = Assert.Single(MarkdownExporter.Default.Render(ReportBuilder.Build(results.Root))).Content;

        Assert.Contains("| 1 | a | replay | 71.00 ± 1.41 | 61.00 ± 1.41 | 76.00 ± 1.41 | 66.00 ± 1.41 | 81.00 ± 1.41 | 71.00 ± 1.41 | 2.305 | 2.005 |  |", md);
        // finetune failed at b3: its area would span 1-2 MB of the 1-4 MB ladder, so it is listed, not ranked.
        Assert.Contains("|  |  | finetune | 61.00 ± 1.41 |", md);
        Assert.Contains("its usable points cover 1.00–2.00 MB, not the ladder's 1.00–4.00 MB (at b3: failed (seed 2): out of memory) |", md);
        Assert.Contains("|  |  | joint (reference, outside budget) | — | — | — | — | 86.00 ± 1.41 |", md);
        Assert.Contains("Ranked by AUC-A", md);
        // The per-stage table of replay: task 0 at b1, cnn then nme.
        Assert.Contains("| 0 | 2 | 81.00 ± 1.41 | 80.00 ± 1.41 |", md);
        Assert.Contains("| toy | finetune | b3 | 2 | 137 | out of memory |", md);
    }

    [Fact]
    public void Json_holds_the_aggregated_model_without_the_runs()
    {
        using var results = SyntheticResults.Standard();
        var json = Assert.Single(JsonExporter.Default.Render(ReportBuilder.Build(results.Root))).Content;

        using var doc = JsonDocument.Parse(json);
        var replay = doc.RootElement.GetProperty("protocols")[0].GetProperty("methods")[0];
        Assert.Equal("replay", replay.GetProperty("name").GetString());
        var cell = replay.GetProperty("records")[0].GetProperty("aggregate");
        Assert.Equal(71, cell.GetProperty("heads")[0].GetProperty("averageIncrementalAccuracy").GetProperty("mean").GetDouble(), 10);
        Assert.Equal("budgetBytes", cell.GetProperty("memorySource").GetString());
        Assert.False(cell.TryGetProperty("runs", out _));
        Assert.Equal(2, cell.GetProperty("files").GetArrayLength());
    }

    [Fact]
    public void Html_inlines_every_plot_and_each_is_also_a_valid_svg_file()
    {
        using var results = SyntheticResults.Standard();
        var files = HtmlExporter.Default.Render(ReportBuilder.Build(results.Root)).ToList();

        var svgs = files.Where(f => f.RelativePath.EndsWith(".svg", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            ["plots/toy/accuracy-b1.svg", "plots/toy/accuracy-b2.svg", "plots/toy/accuracy-b3.svg", "plots/toy/aia-vs-memory.svg",
             "plots/toy/memory-replay-b1.svg", "plots/toy/memory-replay-b2.svg", "plots/toy/memory-replay-b3.svg"],
            svgs.Select(f => f.RelativePath).Order(StringComparer.Ordinal));
        foreach (var svg in svgs) Assert.Equal("svg", XDocument.Parse(svg.Content).Root!.Name.LocalName);

        var html = files.Single(f => f.RelativePath == "report.html").Content;
        Assert.Equal(svgs.Count, html.Split("<svg ").Length - 1);
        Assert.DoesNotContain("<script", html);
    }

    [Fact]
    public void Html_plots_the_memory_breakdown_of_the_chosen_method()
    {
        using var results = SyntheticResults.Standard();
        var files = new HtmlExporter("finetune").Render(ReportBuilder.Build(results.Root)).Select(f => f.RelativePath).ToList();

        Assert.Contains("plots/toy/memory-finetune-b2.svg", files);
        Assert.DoesNotContain("plots/toy/memory-replay-b2.svg", files);
    }

    [Fact]
    public void Write_all_writes_every_exporters_files_and_no_temporary_ones()
    {
        using var results = SyntheticResults.Standard();
        var outDir = Path.Combine(results.Root, "report");

        var written = ReportWriter.WriteAll(ReportBuilder.Build(results.Root), outDir);

        var onDisk = Directory.EnumerateFiles(outDir, "*", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(outDir, p)).Order(StringComparer.Ordinal);
        Assert.Equal(written.Select(p => Path.GetRelativePath(outDir, p)).Order(StringComparer.Ordinal), onDisk);
        foreach (var name in new[] { "report.md", "runs.csv", "summary.csv", "stages.csv", "auc.csv", "report.json", "report.html", "plots/toy/aia-vs-memory.svg" })
            Assert.Contains(name, onDisk);

        // The report written into the results directory is not taken for results the next time.
        Assert.Single(ReportBuilder.Build(results.Root).Protocols);
    }

    private static List<Dictionary<string, string>> Read(string csv)
    {
        using var reader = CsvReader.FromText(csv, null);
        var header = reader.Headers.ToArray();
        var rows = new List<Dictionary<string, string>>();
        while (reader.Read()) rows.Add(header.Select((h, i) => (h, v: reader.GetString(i))).ToDictionary(x => x.h, x => x.v));
        return rows;
    }
}
