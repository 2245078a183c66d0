using System.Text.Json;
using System.Text.Json.Serialization;

namespace CilBench.Reports.Exporters;

/// <summary>report.json: the aggregated report (runs appear by file name, not content).</summary>
public sealed class JsonExporter : ExporterBase
{
    public static readonly JsonExporter Default = new();

    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        // A sample deviation can be NaN in principle; better named than a failed export.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private JsonExporter() { }

    public override string Name => "json";

    public override IEnumerable<ExportFile> Render(Report report)
    {
        yield return new ExportFile("report.json", JsonSerializer.Serialize(report, Options));
    }
}
