using System.Text.Json;
using System.Text.Json.Serialization;

namespace CilBench.Learning.Training;

/// <summary>
/// Hyper-parameters as JSON: a method's defaults are its options record serialised, so defaults and the record
/// cannot drift; reading rejects unknown keys and wrong types, naming the key.
/// </summary>
public static class OptionsJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        WriteIndented = false,
        IgnoreReadOnlyProperties = true,
    };

    public static string Defaults<T>(T options) => JsonSerializer.Serialize(options, Options);

    public static T Read<T>(JsonElement json, string method)
    {
        try
        {
            return json.Deserialize<T>(Options) ?? throw new JsonException("hyper-parameters are null");
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"{method}: invalid hyper-parameters at '{e.Path}': {e.Message}", e);
        }
    }
}
