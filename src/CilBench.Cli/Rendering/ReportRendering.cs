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
        Leaderboard(protocol);
        Render($"{protocol.Name}: summary per head (mean ± std over seeds)", ReportTables.Summary(protocol));
        Render($"{protocol.Name}: final memory", ReportTables.FinalMemory(protocol));
        if (protocol.Records.Any(r => r.Problems.Count > 0)) Render($"{protocol.Name}: runs left out of averages", ReportTables.Problems(protocol));
    }

    /// <summary>The leaderboard, with why a method is not ranked said below the table rather than in a column too narrow to read.</summary>
    public static void Leaderboard(ProtocolReport protocol)
    {
        var t = protocol.Leaderboard.ToTable();
        Render($"{protocol.Name}: leaderboard ({protocol.Leaderboard.RankingNote})",
            new TextTable(t.Header.SkipLast(1).ToList(), t.Rows.Select(r => (IReadOnlyList<string>)r.SkipLast(1).ToList()).ToList()));
        foreach (var row in protocol.Leaderboard.Rows.Where(r => r.NotRanked is not null))
            AnsiConsole.MarkupLineInterpolated($"[yellow]{row.Method}[/] is not ranked: {row.NotRanked}");
    }

    public static void Render(string title, TextTable t)
    {
        var table = new Table().Title(Markup.Escape(title));
        foreach (var h in t.Header) table.AddColumn(Markup.Escape(h));
        foreach (var row in t.Rows) table.AddRow(row.Select(Markup.Escape).ToArray());
        AnsiConsole.Write(table);
    }
}
