using CilBench.Reports.Exporters;

namespace CilBench.Reports;

/// <summary>Writes a report with the given exporters, or with all of them.</summary>
public static class ReportWriter
{
    public static IReadOnlyList<IExporter> AllExporters { get; } =
        [MarkdownExporter.Default, CsvExporter.Default, JsonExporter.Default, HtmlExporter.Default];

    /// <returns>The paths written.</returns>
    public static IReadOnlyList<string> WriteAll(Report report, string outDir, params IExporter[] exporters) =>
        (exporters.Length == 0 ? AllExporters : exporters).SelectMany(e => e.Export(report, outDir)).ToList();
}
