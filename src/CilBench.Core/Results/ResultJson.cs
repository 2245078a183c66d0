using System.Text.Json;
using System.Text.Json.Serialization;

namespace CilBench.Core.Results;

/// <summary>Reads and writes result files; writes are atomic (temporary file, then rename).</summary>
public static class ResultJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        // Result files are read by people too: keep quotes and apostrophes in paper titles legible.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Write(string path, RunResult result) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(result, Options));

    /// <summary>Reads one result file; errors name the file and the problem.</summary>
    public static RunResult Read(string path)
    {
        try
        {
            var result = JsonSerializer.Deserialize<RunResult>(File.ReadAllBytes(path), Options)
                ?? throw new FormatException("the file holds null");
            if (result.Format != RunResult.CurrentFormat)
                throw new FormatException($"format is '{result.Format}', expected '{RunResult.CurrentFormat}'");
            return result;
        }
        catch (JsonException e)
        {
            throw new FormatException($"{path}: not a valid CilBench result: {e.Message}", e);
        }
        catch (FormatException e) when (!e.Message.StartsWith(path, StringComparison.Ordinal))
        {
            throw new FormatException($"{path}: {e.Message}", e);
        }
    }
}
