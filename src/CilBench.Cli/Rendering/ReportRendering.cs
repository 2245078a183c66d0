using CilBench.Reports;
using CilBench.Reports.Aggregation;
using CilBench.Reports.Exporters;
using Spectre.Console;

namespace CilBench.Cli.Rendering;

/// <summary>Renders the Reports project's tables (leaderboard, summary, memory) on the console.</summary>
internal static class ReportRendering
{
    public static void Write(ProtocolReport protocol)
    {
        var leaderboard = protocol.Leaderboard.ToTable();
        Render($"{protocol.Name}: leaderboard ({protocol.Leaderboard.RankingNote})", leaderboard);
        Render($"{protocol.Name}: summary per head (mean ± std over seeds)", ReportTables.Summary(protocol));
        Render($"{protocol.Name}: final memory", ReportTables.FinalMemory(protocol));
        if (protocol.Records.Any(r => r.Problems.Count > 0)) Render($"{protocol.Name}: runs left out of averages", ReportTables.Problems(protocol));
    }

    public static void Render(string title, TextTable t)
    {
        var table = new Table().Title(Markup.Escape(title));
        foreach (var h in t.Header) table.AddColumn(Markup.Escape(h));
        foreach (var row in t.Rows) table.AddRow(row.Select(Markup.Escape).ToArray());
        AnsiConsole.Write(table);
    }
}
