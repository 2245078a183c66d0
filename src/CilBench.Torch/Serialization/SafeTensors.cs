using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CilBench.Torch.Serialization;

/// <summary>
/// The safetensors format: an 8-byte little-endian header length N, N bytes of JSON header
/// (<c>{"name": {"dtype": "F32", "shape": [..], "data_offsets": [begin, end]}, "__metadata__": {..}}</c>, padded
/// with spaces to a multiple of 8), then the raw little-endian tensor bytes. Tensors are laid out in name order.
/// </summary>
public static class SafeTensors
{
    private const string MetadataKey = "__metadata__";

    /// <summary>Serialises named tensors (any device; copied to CPU) and optional string metadata.</summary>
    public static byte[] Serialize(IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var header = new JsonObject();
        if (metadata is { Count: > 0 })
        {
            var m = new JsonObject();
            foreach (var (k, v) in metadata.OrderBy(kv => kv.Key, StringComparer.Ordinal)) m[k] = v;
            header[MetadataKey] = m;
        }
        var names = tensors.Keys.OrderBy(k => k, StringComparer.Ordinal).ToList();
        var blobs = new List<byte[]>(names.Count);
        long offset = 0;
        foreach (var name in names)
        {
            if (name == MetadataKey) throw new ArgumentException($"'{MetadataKey}' is reserved and cannot name a tensor");
            var t = tensors[name];
            var bytes = t.bytes();
            blobs.Add(bytes);
            header[name] = new JsonObject
            {
                ["dtype"] = DTypeName(t.dtype),
                ["shape"] = new JsonArray(t.shape.Select(d => (JsonNode)d).ToArray()),
                ["data_offsets"] = new JsonArray(offset, offset + bytes.Length),
            };
            offset += bytes.Length;
        }
        var json = Encoding.UTF8.GetBytes(header.ToJsonString());
        var padded = (json.Length + 7) / 8 * 8;
        var result = new byte[8 + padded + offset];
        BinaryPrimitives.WriteUInt64LittleEndian(result, (ulong)padded);
        json.CopyTo(result, 8);
        result.AsSpan(8 + json.Length, padded - json.Length).Fill((byte)' ');
        var pos = 8 + padded;
        foreach (var b in blobs)
        {
            b.CopyTo(result, pos);
            pos += b.Length;
        }
        return result;
    }

    /// <summary>Writes atomically: to a temporary file beside <paramref name="path"/>, then renamed over it.</summary>
    public static void Save(string path, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var bytes = Serialize(tensors, metadata);
        var tmp = path + ".tmp-" + Environment.ProcessId;
        File.WriteAllBytes(tmp, bytes);
        File.Move(tmp, path, overwrite: true);
    }

    /// <summary>Reads a file; errors name the file and what is wrong with it.</summary>
    public static (Dictionary<string, Tensor> tensors, Dictionary<string, string> metadata) Load(string path)
    {
        try
        {
            return Deserialize(File.ReadAllBytes(path));
        }
        catch (FormatException e)
        {
            throw new FormatException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>Reads only a file's metadata (its header), not its tensors; errors name the file.</summary>
    public static Dictionary<string, string> ReadMetadata(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            var size = new byte[8];
            if (stream.ReadAtLeast(size, 8, throwOnEndOfStream: false) < 8)
                throw new FormatException($"not a safetensors file: {stream.Length} bytes, shorter than the 8-byte header length");
            var n = BinaryPrimitives.ReadUInt64LittleEndian(size);
            if (n > (ulong)(stream.Length - 8)) throw new FormatException($"header length {n} exceeds the file ({stream.Length} bytes)");
            var header = new byte[n];
            stream.ReadExactly(header);
            return Metadata(Header(header));
        }
        catch (FormatException e)
        {
            throw new FormatException($"{path}: {e.Message}", e);
        }
    }

    public static (Dictionary<string, Tensor> tensors, Dictionary<string, string> metadata) Deserialize(ReadOnlySpan<byte> data)
    {
        if (data.Length < 8) throw new FormatException($"not a safetensors file: {data.Length} bytes, shorter than the 8-byte header length");
        var n = BinaryPrimitives.ReadUInt64LittleEndian(data);
        if (n > (ulong)(data.Length - 8)) throw new FormatException($"header length {n} exceeds the file ({data.Length} bytes)");
        var header = Header(data.Slice(8, (int)n));
        var body = data[(8 + (int)n)..];
        var tensors = new Dictionary<string, Tensor>();
        var metadata = Metadata(header);
        try
        {
            foreach (var (name, node) in header)
            {
                if (name == MetadataKey) continue;
                var o = node as JsonObject ?? throw new FormatException($"tensor '{name}': entry is not an object");
                var dtype = ParseDType(Value<string>(o["dtype"] ?? throw new FormatException($"tensor '{name}': missing dtype"), $"tensor '{name}': dtype"), name);
                var shape = (o["shape"] as JsonArray ?? throw new FormatException($"tensor '{name}': missing shape"))
                    .Select(x => Value<long>(x, $"tensor '{name}': shape")).ToArray();
                if (shape.Any(d => d < 0)) throw new FormatException($"tensor '{name}': negative size in shape [{string.Join(", ", shape)}]");
                var offsets = o["data_offsets"] as JsonArray ?? throw new FormatException($"tensor '{name}': missing data_offsets");
                if (offsets.Count != 2) throw new FormatException($"tensor '{name}': data_offsets must have 2 entries");
                long begin = Value<long>(offsets[0], $"tensor '{name}': data_offsets"), end = Value<long>(offsets[1], $"tensor '{name}': data_offsets");
                if (begin < 0 || end < begin || end > body.Length)
                    throw new FormatException($"tensor '{name}': data_offsets [{begin}, {end}] outside the data ({body.Length} bytes)");
                var expected = ByteSize(shape, dtype, name);
                if (end - begin != expected)
                    throw new FormatException($"tensor '{name}': {end - begin} bytes of data but shape [{string.Join(", ", shape)}] of {dtype} needs {expected}");
                tensors[name] = torch.frombuffer(body[(int)begin..(int)end], shape, dtype).DetachFromDisposeScope();
            }
        }
        catch
        {
            foreach (var t in tensors.Values) t.Dispose();
            throw;
        }
        return (tensors, metadata);
    }

    private static JsonObject Header(ReadOnlySpan<byte> json)
    {
        try
        {
            var header = JsonNode.Parse(json) as JsonObject ?? throw new FormatException("header is not a JSON object");
            // Materialises the properties now, so that a duplicate name fails here rather than mid-read.
            _ = header.Count;
            return header;
        }
        catch (JsonException e)
        {
            throw new FormatException($"header is not valid JSON: {e.Message}");
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"header has a duplicate name: {e.Message}");
        }
    }

    private static Dictionary<string, string> Metadata(JsonObject header)
    {
        var metadata = new Dictionary<string, string>();
        if (header[MetadataKey] is not { } node) return metadata;
        var m = node as JsonObject ?? throw new FormatException($"'{MetadataKey}' is not an object");
        foreach (var (k, v) in m) metadata[k] = Value<string>(v, $"'{MetadataKey}' entry '{k}'");
        return metadata;
    }

    /// <summary>A JSON value of the expected kind; anything else (a number where a string belongs...) is a format error.</summary>
    private static T Value<T>(JsonNode? node, string what)
    {
        if (node is JsonValue v && v.TryGetValue<T>(out var value)) return value;
        throw new FormatException($"{what}: expected {(typeof(T) == typeof(string) ? "a string" : "an integer")}, got {node?.ToJsonString() ?? "null"}");
    }

    private static long ByteSize(long[] shape, ScalarType dtype, string name)
    {
        try
        {
            return checked(shape.Aggregate(1L, (a, b) => a * b) * torch.ElementSize(dtype));
        }
        catch (OverflowException)
        {
            throw new FormatException($"tensor '{name}': shape [{string.Join(", ", shape)}] is too large");
        }
    }

    private static string DTypeName(ScalarType t) => t switch
    {
        ScalarType.Float32 => "F32",
        ScalarType.Float64 => "F64",
        ScalarType.Float16 => "F16",
        ScalarType.BFloat16 => "BF16",
        ScalarType.Int64 => "I64",
        ScalarType.Int32 => "I32",
        ScalarType.Int16 => "I16",
        ScalarType.Int8 => "I8",
        ScalarType.UInt8 => "U8",
        ScalarType.Bool => "BOOL",
        _ => throw new ArgumentException($"dtype {t} has no safetensors name"),
    };

    private static ScalarType ParseDType(string s, string name) => s switch
    {
        "F32" => ScalarType.Float32,
        "F64" => ScalarType.Float64,
        "F16" => ScalarType.Float16,
        "BF16" => ScalarType.BFloat16,
        "I64" => ScalarType.Int64,
        "I32" => ScalarType.Int32,
        "I16" => ScalarType.Int16,
        "I8" => ScalarType.Int8,
        "U8" => ScalarType.UInt8,
        "BOOL" => ScalarType.Bool,
        _ => throw new FormatException($"tensor '{name}': unknown dtype '{s}'"),
    };
}
