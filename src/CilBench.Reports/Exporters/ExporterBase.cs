using CilBench.Core.Results;

namespace CilBench.Reports.Exporters;

/// <summary>
/// An exporter as a pure function from a report to files (<see cref="Render"/>), and the one place that writes them:
/// atomically, so a reader (a browser refreshing, a script polling) never sees half a file.
/// </summary>
public abstract class ExporterBase : IExporter
{
    public abstract string Name { get; }

    public abstract IEnumerable<ExportFile> Render(Report report);

    public IReadOnlyList<string> Export(Report report, string outDir) =>
        Render(report).Select(file =>
        {
            var path = Path.Combine(outDir, file.RelativePath);
            AtomicFile.WriteAllText(path, file.Content);
            return path;
        }).ToList();
}
