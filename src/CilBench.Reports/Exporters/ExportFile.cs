namespace CilBench.Reports.Exporters;

/// <summary>A file an exporter produces: its path relative to the output directory, and its text.</summary>
public sealed record ExportFile(string RelativePath, string Content);
