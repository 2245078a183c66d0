namespace CilBench.Reports.Exporters;

/// <summary>Writes a report in one format.</summary>
public interface IExporter
{
    string Name { get; }

    /// <summary>Writes this exporter's files under <paramref name="outDir"/>, each atomically; returns their paths.</summary>
    IReadOnlyList<string> Export(Report report, string outDir);
}
