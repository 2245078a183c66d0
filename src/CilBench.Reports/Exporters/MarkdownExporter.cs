using System.Text;

namespace CilBench.Reports.Exporters;

/// <summary>report.md: per protocol the leaderboard, AUCs, every head's summary, final memory and per-method stage tables; the failed cells.</summary>
public sealed class MarkdownExporter : ExporterBase
{
    public static readonly MarkdownExporter Default = new();

    private MarkdownExporter() { }

    public override string Name => "markdown";

    public override IEnumerable<ExportFile> Render(Report report)
    {
        var md = new StringBuilder();
        md.AppendLine("# CilBench report").AppendLine();
        md.AppendLine($"Results: {string.Join(", ", report.ResultsDirectories.Select(d => $"`{d}`"))}.").AppendLine();
        md.AppendLine(Notes.Accuracy).AppendLine();
        md.AppendLine(Notes.Auc).AppendLine();
        foreach (var p in report.Protocols)
        {
            md.AppendLine($"## {p.Name}").AppendLine();
            md.AppendLine($"Dataset {p.Dataset}, {p.Tasks} tasks, memory policy `{p.Policy}`. {p.Leaderboard.RankingNote}").AppendLine();
            Table(md, p.Leaderboard.ToTable());
            if (p.Records.Any(r => r.Problems.Count > 0))
            {
                md.AppendLine("### Runs left out of averages").AppendLine();
                Table(md, ReportTables.Problems(p));
            }
            md.AppendLine("### AUC per head").AppendLine();
            Table(md, ReportTables.Auc(p));
            md.AppendLine("### Summary per head").AppendLine();
            Table(md, ReportTables.Summary(p));
            md.AppendLine("### Memory after the last stage").AppendLine();
            Table(md, ReportTables.FinalMemory(p));
            md.AppendLine("### Top-1 accuracy (%) after each stage").AppendLine();
            foreach (var m in p.Methods)
            {
                md.AppendLine($"#### {m.Name}").AppendLine();
                Table(md, ReportTables.Stages(m));
            }
        }
        md.AppendLine("## Failed cells").AppendLine();
        if (report.Failures.Count == 0) md.AppendLine("None.").AppendLine();
        else Table(md, ReportTables.Failures(report.Failures));
        yield return new ExportFile("report.md", md.ToString());
    }

    private static void Table(StringBuilder md, TextTable table)
    {
        Row(md, table.Header);
        md.AppendLine("|" + string.Concat(table.Header.Select(_ => " --- |")));
        foreach (var row in table.Rows) Row(md, row);
        md.AppendLine();
    }

    // A pipe would end the cell and a newline the row.
    private static void Row(StringBuilder md, IEnumerable<string> cells) =>
        md.AppendLine("| " + string.Join(" | ", cells.Select(c => c.Replace("|", "\\|").ReplaceLineEndings(" "))) + " |");
}
