namespace CilBench.Reports;

/// <summary>A table as formatted strings, for renderers that only lay text out (console, Markdown, HTML).</summary>
public sealed record TextTable(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows);
