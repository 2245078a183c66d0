using System.Text.Json;
using System.Text.Json.Nodes;

namespace CilBench.Core.Fingerprints;

/// <summary>
/// JSON written one way only (object keys in ordinal order, no whitespace, numbers as their shortest round-trip double:
/// 0.10, 0.1 and 1e-1 are one value), so equal content hashes equally whatever order or spelling a file or a merge used.
/// </summary>
public static class CanonicalJson
{
    public static string Write(JsonNode? node)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
            Write(writer, node);
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Write(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonObject o:
                writer.WriteStartObject();
                foreach (var (key, value) in o.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(key);
                    Write(writer, value);
                }
                writer.WriteEndObject();
                break;
            case JsonArray a:
                writer.WriteStartArray();
                foreach (var item in a) Write(writer, item);
                writer.WriteEndArray();
                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.Number:
                writer.WriteNumberValue(double.Parse(v.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture));
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }
}
