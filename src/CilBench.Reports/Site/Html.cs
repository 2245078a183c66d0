using System.Net;
using System.Text;

namespace CilBench.Reports.Site;

/// <summary>HTML pieces: escaping, links, and tables whose cells may hold markup (links, code) and whose rows carry data attributes.</summary>
internal static class Html
{
    public static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    public static string A(string href, string text) => $"<a href=\"{E(href)}\">{E(text)}</a>";

    public static string Code(string? text) => text is null ? Numbers.Missing : $"<code>{E(text)}</code>";

    /// <summary>A table; header cells are text, body cells markup (escape text with <see cref="E"/>).</summary>
    public static void Table(StringBuilder html, string? id, IReadOnlyList<string> header, IEnumerable<Row> rows, string? caption = null)
    {
        html.Append(id is null ? "<table>" : $"<table id=\"{E(id)}\">");
        if (caption is not null) html.Append($"<caption>{E(caption)}</caption>");
        html.Append("<thead><tr>");
        foreach (var h in header) html.Append($"<th scope=\"col\">{E(h)}</th>");
        html.AppendLine("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            html.Append("<tr");
            if (row.Id is not null) html.Append($" id=\"{E(row.Id)}\"");
            if (row.Class is not null) html.Append($" class=\"{E(row.Class)}\"");
            foreach (var (name, value) in row.Data) html.Append($" data-{name}=\"{E(value)}\"");
            html.Append('>');
            foreach (var c in row.Cells) html.Append($"<td>{c}</td>");
            html.AppendLine("</tr>");
        }
        html.AppendLine("</tbody></table>");
    }

    /// <summary>A body row: cells as markup, an optional id (an anchor), class and data-* attributes (the numbers, for scripts and tests).</summary>
    public sealed record Row(IReadOnlyList<string> Cells, string? Id = null, string? Class = null)
    {
        public IReadOnlyList<(string Name, string Value)> Data { get; init; } = [];
    }
}
