using CilBench.Reports.Aggregation;
using CilBench.Reports.Exporters;
using CilBench.Reports.Leaderboards;
using CilBench.Reports.Plots;
using static CilBench.Reports.Site.Html;

namespace CilBench.Reports.Site;

/// <summary>
/// A method at one budget point: per averaged group of seeds, the accuracy matrix as a heat map and memory per stage as
/// stacked model / exemplar bars; then every run (averaged or not) with its compute, and every run left out.
/// </summary>
internal static class CellPage
{
    public static IEnumerable<ExportFile> Render(ProtocolReport p, MethodReport m, CellRecord record)
    {
        var path = SiteLinks.Cell(p.Name, m.Name, record.Budget);
        var page = new SitePage(path, $"{m.Name} at {record.Budget}", [("Leaderboards", "index.html"), (p.Name, SiteLinks.Protocol(p.Name))]);
        var files = new List<ExportFile>();
        var html = page.Body;
        var stem = path[..^".html".Length];
        html.AppendLine($"<h1>{E(m.Name)} at {E(record.Budget)} <small>({E(p.Name)})</small></h1>");
        html.AppendLine($"<p>{E(m.Paper)}, version {E(m.Version)}. Primary head {Code(m.PrimaryHead)}. "
            + $"{A(page.Link(SiteLinks.Provenance(p.Name)) + "#" + SiteLinks.CellAnchor(m.Name, record.Budget), "Provenance of these runs")}.</p>");
        if (record.Problems.Count > 0)
            html.AppendLine($"<p class=\"status\">Left out of the average: {E(ProtocolPage.Describe(record.Problems))}</p>");

        var groups = record.Aggregate is { } a ? [a] : record.Variants;
        foreach (var (cell, k) in groups.Select((c, k) => (c, k)))
        {
            var seeds = string.Join(", ", cell.Seeds);
            html.AppendLine(groups.Count == 1
                ? $"<h2>Seeds {E(seeds)}</h2>"
                : $"<h2>Fingerprint group {k + 1}: seeds {E(seeds)} <small>(not averaged with the others)</small></h2>");
            Facts(html, cell, m.PrimaryHead);
            var suffix = groups.Count == 1 ? "" : $"-group{k + 1}";
            ProtocolPage.Figure(page, files, $"{stem}-matrix{suffix}.svg", ReportPlots.AccuracyMatrix(cell, m.PrimaryHead).Render(),
                "Accuracy matrix: row i is the model after task i, column j its top-1 on task j's classes (%, mean over seeds).");
            ProtocolPage.Figure(page, files, $"{stem}-memory{suffix}.svg", ReportPlots.MemoryBreakdown(m, cell).Render(),
                "Memory after each task: model (parameters, buffers and info) and exemplars, mean over seeds; the dashed line is the byte budget.");
        }

        html.AppendLine("<h2>Runs</h2>");
        Table(html, "runs",
            ["Seed", "Status", "AIA", "Last", "Forgetting", "Stages", "Wall time (s)", "Train images", "Device", "Threads", "Non-finite scores", "Audited", "Resumed at task", "Provenance"],
            record.AllRuns.Select(x =>
            {
                var (run, status) = x;
                var summary = run.Result.Summary.TryGetValue(m.PrimaryHead, out var s) ? s : run.Result.Summary.Values.First();
                var e = run.Evidence;
                return new Row([
                    E(run.Result.Seed.ToString(Numbers.Culture)),
                    status == "averaged" ? E(status) : $"<span class=\"status\">{E(status)}</span>",
                    E(Numbers.Fixed(summary.AverageIncrementalAccuracy)), E(Numbers.Fixed(summary.LastAccuracy)), E(Numbers.Fixed(summary.Forgetting)),
                    E($"{run.Result.Stages.Count} of {run.Result.Protocol.Tasks.Count}"),
                    E(Numbers.Fixed(run.Result.Provenance.WallSeconds, 1)), E(e.TotalTrainImages?.ToString(Numbers.Culture) ?? Numbers.Missing),
                    E(run.Result.Device), E(run.Result.Provenance.Threads.ToString(Numbers.Culture)), E(e.NonFinite.ToString(Numbers.Culture)),
                    E(e.Audited is bool au ? au ? "yes" : "no" : Numbers.Missing), E(e.ResumedAtTask?.ToString(Numbers.Culture) ?? Numbers.Missing),
                    A(page.Link(SiteLinks.Provenance(p.Name)) + "#" + SiteLinks.RunAnchor(m.Name, record.Budget, run.Result.Seed), "provenance"),
                ], Class: status == "averaged" ? null : "problem")
                {
                    Data = [("seed", run.Result.Seed.ToString(Numbers.Culture)), ("status", status), ("aia", Numbers.RoundTrip(summary.AverageIncrementalAccuracy))],
                };
            }));
        if (record.Failures.Count > 0)
        {
            html.AppendLine("<h2>Failed runs</h2>");
            Table(html, "failed", ["Seed", "Exit status", "Reason", "Message", "Seconds", "Provenance"], record.Failures.Select(f => new Row([
                E(f.Seed.ToString(Numbers.Culture)), E(f.Failure.ExitCode.ToString(Numbers.Culture)), E(f.Failure.Reason), E(f.Failure.Message ?? Numbers.Missing),
                E(Numbers.Fixed(f.Failure.Seconds, 1)),
                A(page.Link(SiteLinks.Provenance(p.Name)) + "#" + SiteLinks.RunAnchor(m.Name, record.Budget, f.Seed), "record"),
            ], Class: "problem") { Data = [("seed", f.Seed.ToString(Numbers.Culture)), ("status", Leaderboard.Kind(ProblemKind.Failed))] }));
        }
        files.Insert(0, new ExportFile(path, page.Render()));
        return files;
    }

    private static void Facts(System.Text.StringBuilder html, CellAggregate cell, string head)
    {
        var h = cell.Head(head) ?? cell.Heads[0];
        var f = cell.FinalMemory;
        html.AppendLine("<dl class=\"facts\">");
        foreach (var (name, value) in new[]
        {
            ("Average incremental accuracy", Numbers.MeanStd(h.AverageIncrementalAccuracy)), ("Last accuracy", Numbers.MeanStd(h.LastAccuracy)),
            ("Forgetting", Numbers.MeanStd(h.Forgetting)), ("Memory for the ladder", $"{Numbers.Fixed(cell.MemoryMegabytes)} MB"),
            ("After the last task", $"model {Numbers.Megabytes(f.ModelBytes.Mean)} MB, {Numbers.MeanStd(f.Exemplars, 0)} exemplars ({Numbers.Megabytes(f.ExemplarBytes.Mean)} MB)"),
            ("Compute", $"{Numbers.MeanStd(cell.WallSeconds, 1)} s wall time on {string.Join(", ", cell.Devices)}"
                + (cell.TrainImages is { } t ? $", {Numbers.Fixed(t.Mean, 0)} training images served" : "")),
        })
            html.AppendLine($"<dt>{E(name)}</dt><dd>{E(value)}</dd>");
        html.AppendLine("</dl>");
    }
}
