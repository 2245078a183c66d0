using System.Net;
using System.Text;
using CilBench.Reports.Aggregation;
using CilBench.Reports.Plots;

namespace CilBench.Reports.Exporters;

/// <summary>
/// report.html, self-contained (inline SVG, no scripts, nothing fetched), and every figure also as a standalone file:
/// plots/&lt;protocol&gt;/aia-vs-memory.svg, accuracy-&lt;budget&gt;.svg per budget point, and
/// memory-&lt;method&gt;-&lt;budget&gt;.svg for the method whose memory breakdown is shown.
/// </summary>
public sealed class HtmlExporter : ExporterBase
{
    public static readonly HtmlExporter Default = new();

    /// <param name="memoryBreakdownMethod">The method whose memory per stage is plotted; by default each protocol's leader.</param>
    public HtmlExporter(string? memoryBreakdownMethod = null) => MemoryBreakdownMethod = memoryBreakdownMethod;

    public string? MemoryBreakdownMethod { get; }

    public override string Name => "html";

    public override IEnumerable<ExportFile> Render(Report report)
    {
        var files = new List<ExportFile>();
        var html = new StringBuilder();
        html.AppendLine("<!DOCTYPE html>");
        html.AppendLine("<html lang=\"en\"><head><meta charset=\"utf-8\"><title>CilBench report</title>");
        html.AppendLine("<style>body{font-family:sans-serif;margin:2em;max-width:1200px}table{border-collapse:collapse;margin:1em 0}"
            + "th,td{border:1px solid #ccc;padding:4px 8px;text-align:right}th:first-child,td:first-child,th:nth-child(2),td:nth-child(2){text-align:left}"
            + "figure{margin:1em 0}figcaption{font-size:90%;color:#555}</style></head><body>");
        html.AppendLine("<h1>CilBench report</h1>");
        html.AppendLine($"<p>Results: {string.Join(", ", report.ResultsDirectories.Select(d => $"<code>{E(d)}</code>"))}</p>");
        html.AppendLine($"<p>{E(Notes.Accuracy)}</p><p>{E(Notes.Auc)}</p>");
        foreach (var p in report.Protocols)
        {
            var dir = $"plots/{FileNames.Part(p.Name)}";
            html.AppendLine($"<h2>{E(p.Name)}</h2>");
            html.AppendLine($"<p>Dataset {E(p.Dataset)}, {p.Tasks} tasks, memory policy <code>{E(p.Policy)}</code>. {E(p.Leaderboard.RankingNote)}</p>");
            Table(html, p.Leaderboard.ToTable());
            Figure(html, files, $"{dir}/aia-vs-memory.svg", ReportPlots.AccuracyVersusMemory(p).Render());
            foreach (var budget in p.Budgets)
                Figure(html, files, $"{dir}/accuracy-{FileNames.Part(budget.Name)}.svg", ReportPlots.AccuracyCurves(p, budget).Render());
            if (BreakdownMethod(p) is { } m)
                foreach (var cell in m.Cells)
                    Figure(html, files, $"{dir}/memory-{FileNames.Part(m.Name)}-{FileNames.Part(cell.Budget.Name)}.svg", ReportPlots.MemoryBreakdown(m, cell).Render());
            if (p.Records.Any(r => r.Problems.Count > 0))
            {
                html.AppendLine("<h3>Runs left out of averages</h3>");
                Table(html, ReportTables.Problems(p));
            }
            html.AppendLine("<h3>AUC per head</h3>");
            Table(html, ReportTables.Auc(p));
            html.AppendLine("<h3>Summary per head</h3>");
            Table(html, ReportTables.Summary(p));
            html.AppendLine("<h3>Memory after the last stage</h3>");
            Table(html, ReportTables.FinalMemory(p));
        }
        html.AppendLine("<h2>Failed cells</h2>");
        if (report.Failures.Count == 0) html.AppendLine("<p>None.</p>");
        else Table(html, ReportTables.Failures(report.Failures));
        html.AppendLine("</body></html>");
        files.Add(new ExportFile("report.html", html.ToString()));
        return files;
    }

    private MethodReport? BreakdownMethod(ProtocolReport p) =>
        MemoryBreakdownMethod is null ? p.Methods.FirstOrDefault() : p.Method(MemoryBreakdownMethod);

    private static void Figure(StringBuilder html, List<ExportFile> files, string path, SvgDocument svg)
    {
        files.Add(new ExportFile(path, svg.ToFileText()));
        html.AppendLine($"<figure>{svg.Element}<figcaption><a href=\"{E(path)}\">{E(path)}</a></figcaption></figure>");
    }

    private static void Table(StringBuilder html, TextTable table)
    {
        html.Append("<table><thead><tr>");
        foreach (var h in table.Header) html.Append($"<th>{E(h)}</th>");
        html.AppendLine("</tr></thead><tbody>");
        foreach (var row in table.Rows)
        {
            html.Append("<tr>");
            foreach (var c in row) html.Append($"<td>{E(c)}</td>");
            html.AppendLine("</tr>");
        }
        html.AppendLine("</tbody></table>");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
