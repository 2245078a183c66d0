using System.Buffers.Binary;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using CilBench.Torch.Serialization;

namespace CilBench.Torch.Tests;

/// <summary>The safetensors format, checked byte by byte against its specification.</summary>
public class SafeTensorsTests
{
    private static readonly ScalarType[] AllTypes =
    [
        ScalarType.Float32, ScalarType.Float64, ScalarType.Float16, ScalarType.BFloat16, ScalarType.Int64, ScalarType.Int32,
        ScalarType.Int16, ScalarType.Int8, ScalarType.UInt8, ScalarType.Bool,
    ];

    /// <summary>Raw bytes that are valid elements of every dtype: random bits for numbers, 0/1 for bool.</summary>
    private static byte[] RandomBytes(ScalarType dtype, int count, int seed)
    {
        var bytes = new byte[count * torch.ElementSize(dtype)];
        new Random(seed).NextBytes(bytes);
        if (dtype == ScalarType.Bool)
            for (var i = 0; i < bytes.Length; i++) bytes[i] &= 1;
        return bytes;
    }

    [Fact]
    public void RoundTripIsBitExactForEveryDtype()
    {
        using var scope = torch.NewDisposeScope();
        var tensors = new Dictionary<string, Tensor>();
        var expected = new Dictionary<string, byte[]>();
        for (var i = 0; i < AllTypes.Length; i++)
        {
            // Random bits include NaN payloads, negative zeros and subnormals, which must survive untouched.
            var raw = RandomBytes(AllTypes[i], 12, i);
            tensors[$"t{i}"] = torch.frombuffer(raw, [3, 4], AllTypes[i]);
            expected[$"t{i}"] = raw;
        }
        tensors["scalar"] = torch.scalar_tensor(2.5, ScalarType.Float64);
        expected["scalar"] = BitConverter.GetBytes(2.5);
        tensors["empty"] = torch.zeros([0, 3]);
        expected["empty"] = [];
        // A non-contiguous tensor is written in logical order.
        tensors["transposed"] = torch.arange(6, ScalarType.Int32).view(2, 3).t();
        expected["transposed"] = MemoryMarshal.AsBytes<int>([0, 3, 1, 4, 2, 5]).ToArray();

        var path = Path.Combine(Path.GetTempPath(), $"cilbench-st-{Guid.NewGuid():N}.safetensors");
        try
        {
            SafeTensors.Save(path, tensors, new Dictionary<string, string> { ["format"] = "pt", ["note"] = "ünïcode" });
            var (loaded, metadata) = SafeTensors.Load(path);
            Assert.Equal(new Dictionary<string, string> { ["format"] = "pt", ["note"] = "ünïcode" }, metadata);
            Assert.Equal(tensors.Keys.Order(), loaded.Keys.Order());
            foreach (var (name, t) in tensors)
            {
                using var back = loaded[name];
                Assert.Equal(t.dtype, back.dtype);
                Assert.Equal(t.shape, back.shape);
                Assert.Equal(expected[name], back.bytes());
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void WrittenBytesFollowTheFormat()
    {
        using var scope = torch.NewDisposeScope();
        float[] weight = [1.5f, -2f, 0.25f, 3f, 1e-3f, -0f];
        long[] counts = [7, -1];
        var bytes = SafeTensors.Serialize(new Dictionary<string, Tensor>
        {
            ["w"] = torch.tensor(weight, [2, 3]),
            ["counts"] = torch.tensor(counts),
            ["h"] = torch.frombuffer(new byte[] { 0x00, 0x3C }, [1], ScalarType.Float16), // 1.0 as float16
        }, new Dictionary<string, string> { ["k"] = "v" });

        // 8-byte little-endian header length N, then N bytes of JSON padded with spaces to a multiple of 8.
        var n = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        Assert.Equal(0, n % 8);
        var headerText = Encoding.UTF8.GetString(bytes, 8, n);
        Assert.StartsWith("{", headerText);
        var json = headerText.TrimEnd(' ');
        Assert.EndsWith("}", json);
        Assert.True(n - json.Length < 8);
        using var header = JsonDocument.Parse(json);
        var root = header.RootElement;
        Assert.Equal("v", root.GetProperty("__metadata__").GetProperty("k").GetString());

        var data = bytes[(8 + n)..];
        byte[] Entry(string name, string dtype, long[] shape)
        {
            var e = root.GetProperty(name);
            Assert.Equal(dtype, e.GetProperty("dtype").GetString());
            Assert.Equal(shape, e.GetProperty("shape").EnumerateArray().Select(x => x.GetInt64()));
            var offsets = e.GetProperty("data_offsets").EnumerateArray().Select(x => x.GetInt32()).ToArray();
            Assert.Equal(2, offsets.Length);
            return data[offsets[0]..offsets[1]].ToArray();
        }

        var w = Entry("w", "F32", [2, 3]);
        Assert.Equal(weight.SelectMany(v => BitConverter.GetBytes(BitConverter.SingleToInt32Bits(v))), w);
        Assert.Equal(counts.SelectMany(BitConverter.GetBytes), Entry("counts", "I64", [2]));
        Assert.Equal(new byte[] { 0x00, 0x3C }, Entry("h", "F16", [1]));
        // The data section holds exactly the tensors, with no gaps or overlaps.
        Assert.Equal(6 * 4 + 2 * 8 + 2, data.Length);
        var ranges = root.EnumerateObject().Where(p => p.Name != "__metadata__")
            .Select(p => p.Value.GetProperty("data_offsets").EnumerateArray().Select(x => x.GetInt32()).ToArray())
            .OrderBy(r => r[0]).ToList();
        Assert.Equal(0, ranges[0][0]);
        for (var i = 1; i < ranges.Count; i++) Assert.Equal(ranges[i - 1][1], ranges[i][0]);
        Assert.Equal(data.Length, ranges[^1][1]);
    }

    /// <summary>A file laid out by hand, as another writer (e.g. Python's safetensors) would produce it.</summary>
    private static byte[] HandMade(string header, byte[] data, long? declaredLength = null)
    {
        var json = Encoding.UTF8.GetBytes(header);
        var result = new byte[8 + json.Length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(result, (ulong)(declaredLength ?? json.Length));
        json.CopyTo(result, 8);
        data.CopyTo(result, 8 + json.Length);
        return result;
    }

    [Fact]
    public void ReadsAFileLaidOutByHand()
    {
        using var scope = torch.NewDisposeScope();
        // Unpadded header, tensors out of name order, bf16 (1.0, -2.0): the reader must rely on the offsets alone.
        var data = new byte[] { 0x80, 0x3F, 0x00, 0xC0 }.Concat(BitConverter.GetBytes(-3)).ToArray();
        var file = HandMade("""{"z":{"dtype":"BF16","shape":[2],"data_offsets":[0,4]},"a":{"dtype":"I32","shape":[1,1],"data_offsets":[4,8]}}""", data);
        var (tensors, metadata) = SafeTensors.Deserialize(file);
        Assert.Empty(metadata);
        Assert.Equal(new[] { 1f, -2f }, tensors["z"].@float().data<float>());
        Assert.Equal(new long[] { 1, 1 }, tensors["a"].shape);
        Assert.Equal(new[] { -3 }, tensors["a"].data<int>());
        foreach (var t in tensors.Values) t.Dispose();
    }

    public static TheoryData<string, byte[], string> Malformed => new()
    {
        { "shorter than the length field", new byte[] { 1, 2, 3 }, "shorter than the 8-byte header length" },
        { "header longer than the file", HandMade("{}", [], declaredLength: 1000), "header length 1000 exceeds the file" },
        { "header length near 2^64", HandMade("{}", [], declaredLength: -8), "exceeds the file" },
        { "header is not JSON", HandMade("{not json", []), "not valid JSON" },
        { "header is not an object", HandMade("[1, 2]", []), "not a JSON object" },
        { "unknown dtype", HandMade("""{"t":{"dtype":"F31","shape":[1],"data_offsets":[0,4]}}""", new byte[4]), "unknown dtype 'F31'" },
        { "dtype not a string", HandMade("""{"t":{"dtype":7,"shape":[1],"data_offsets":[0,4]}}""", new byte[4]), "tensor 't': dtype: expected a string, got 7" },
        { "shape not integers", HandMade("""{"t":{"dtype":"F32","shape":["a"],"data_offsets":[0,4]}}""", new byte[4]), "tensor 't': shape: expected an integer" },
        { "negative size", HandMade("""{"t":{"dtype":"F32","shape":[-1],"data_offsets":[0,0]}}""", []), "negative size" },
        { "size overflows", HandMade("""{"t":{"dtype":"F32","shape":[4294967296,4294967296],"data_offsets":[0,0]}}""", []), "too large" },
        { "duplicate name", HandMade("""{"t":{"dtype":"U8","shape":[0],"data_offsets":[0,0]},"t":{"dtype":"U8","shape":[0],"data_offsets":[0,0]}}""", []), "duplicate" },
        { "offsets past the end", HandMade("""{"t":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""", new byte[4]), "outside the data" },
        { "offsets reversed", HandMade("""{"t":{"dtype":"F32","shape":[1],"data_offsets":[4,0]}}""", new byte[4]), "outside the data" },
        { "truncated data", HandMade("""{"t":{"dtype":"F64","shape":[2],"data_offsets":[0,16]}}""", new byte[12]), "outside the data" },
        { "size does not fit the shape", HandMade("""{"t":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}""", new byte[8]), "needs 12" },
        { "missing offsets", HandMade("""{"t":{"dtype":"F32","shape":[1]}}""", new byte[4]), "missing data_offsets" },
        { "metadata not strings", HandMade("""{"__metadata__":{"k":1}}""", []), "'__metadata__' entry 'k': expected a string" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void MalformedFilesRaiseFormatExceptionNamingTheProblem(string why, byte[] file, string message)
    {
        var start = torch.LiveTensorCount;
        var e = Assert.Throws<FormatException>(() => SafeTensors.Deserialize(file));
        Assert.True(e.Message.Contains(message), $"{why}: '{e.Message}' should contain '{message}'");
        Assert.Equal(start, torch.LiveTensorCount);
    }

    [Fact]
    public void LoadNamesTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"cilbench-st-{Guid.NewGuid():N}.safetensors");
        File.WriteAllBytes(path, new byte[] { 1, 2 });
        try
        {
            var e = Assert.Throws<FormatException>(() => SafeTensors.Load(path));
            Assert.Contains(path, e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [PythonFact]
    public void PythonReadsWhatTheBindingWrites()
    {
        // An independent reader: Python's struct/json/numpy (the safetensors package is not needed).
        using var scope = torch.NewDisposeScope();
        var path = Path.Combine(Path.GetTempPath(), $"cilbench-st-{Guid.NewGuid():N}.safetensors");
        try
        {
            SafeTensors.Save(path, new Dictionary<string, Tensor>
            {
                ["a"] = torch.tensor(new[] { 1.5f, -2f, 3.25f }),
                ["b"] = torch.tensor(new long[] { 1, -2, 3, 4 }, [2, 2]),
                ["c"] = torch.tensor(new[] { 0.5, 0.25 }).to(ScalarType.Float16),
            });
            const string script = """
                import json, struct, sys, numpy as np
                raw = open(sys.argv[1], 'rb').read()
                n, = struct.unpack('<Q', raw[:8])
                assert n % 8 == 0, n
                header = json.loads(raw[8:8 + n])
                body = raw[8 + n:]
                kinds = {'F32': '<f4', 'I64': '<i8', 'F16': '<f2'}
                for name in sorted(header):
                    e = header[name]
                    b, end = e['data_offsets']
                    v = np.frombuffer(body[b:end], dtype=kinds[e['dtype']]).reshape(e['shape'])
                    print(name, list(v.shape), ' '.join(repr(float(x)) for x in v.ravel()))
                """;
            var psi = new ProcessStartInfo(PythonFactAttribute.Python, ["-c", script, path]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var p = Process.Start(psi)!;
            var output = p.StandardOutput.ReadToEnd();
            var error = p.StandardError.ReadToEnd();
            p.WaitForExit();
            Assert.True(p.ExitCode == 0, error);
            Assert.Equal(["a [3] 1.5 -2.0 3.25", "b [2, 2] 1.0 -2.0 3.0 4.0", "c [2] 0.5 0.25"], output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
