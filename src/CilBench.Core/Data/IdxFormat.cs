using System.Buffers.Binary;
using System.IO.Compression;
using CilBench.Torch;

namespace CilBench.Core.Data;

/// <summary>
/// The IDX files of MNIST and Fashion-MNIST (gzip-compressed when the name ends in .gz): a big-endian header
/// (magic 2051 + count, rows, columns for images; magic 2049 + count for labels) followed by raw unsigned bytes.
/// </summary>
public static class IdxFormat
{
    public const int ImagesMagic = 2051;
    public const int LabelsMagic = 2049;

    /// <summary>Reads an images file as N x 1 x rows x columns uint8.</summary>
    public static Tensor ReadImages(string path)
    {
        using var stream = Open(path);
        var header = ReadHeader(stream, path, ImagesMagic, dimensions: 3);
        var (n, rows, cols) = (header[0], header[1], header[2]);
        var pixels = ReadBody(stream, path, checked(n * rows * cols), $"{n} images of {rows} x {cols} bytes");
        return torch.tensor<byte>(pixels, [n, 1, rows, cols]);
    }

    /// <summary>Reads a labels file as N int64, each checked to lie in 0..classCount-1.</summary>
    public static Tensor ReadLabels(string path, int classCount)
    {
        using var stream = Open(path);
        var n = ReadHeader(stream, path, LabelsMagic, dimensions: 1)[0];
        var raw = ReadBody(stream, path, n, $"{n} labels");
        var labels = new long[n];
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] >= classCount)
                throw new DatasetFormatException(path, $"label {raw[i]} at index {i} is out of range, expected 0..{classCount - 1}");
            labels[i] = raw[i];
        }
        return torch.tensor(labels);
    }

    private static Stream Open(string path)
    {
        if (!File.Exists(path)) throw new DatasetFormatException(path, "file not found");
        Stream file = File.OpenRead(path);
        return path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
    }

    private static long[] ReadHeader(Stream stream, string path, int expectedMagic, int dimensions)
    {
        var header = new byte[4 * (1 + dimensions)];
        var got = Read(stream, path, header.AsMemory(0, 4));
        if (got == 4 && BinaryPrimitives.ReadInt32BigEndian(header) is var magic && magic != expectedMagic)
            throw new DatasetFormatException(path,
                $"magic number is {magic}, expected {expectedMagic} (IDX {(expectedMagic == ImagesMagic ? "images" : "labels")}, unsigned bytes, {dimensions} dimension(s))");
        if (got == 4) got += Read(stream, path, header.AsMemory(4));
        if (got < header.Length)
            throw new DatasetFormatException(path, $"truncated: the IDX header needs {header.Length} bytes, the file has {got}");
        var sizes = new long[dimensions];
        for (var d = 0; d < dimensions; d++)
        {
            sizes[d] = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4 * (1 + d)));
            if (sizes[d] < 0 || (d > 0 && sizes[d] == 0))
                throw new DatasetFormatException(path, $"header dimension {d} is {sizes[d]}, expected a positive size");
        }
        return sizes;
    }

    private static byte[] ReadBody(Stream stream, string path, long length, string what)
    {
        if (length > Array.MaxLength) throw new DatasetFormatException(path, $"header declares {what} ({length} bytes), more than one array can hold");
        var body = new byte[length];
        var got = Read(stream, path, body);
        if (got < length) throw new DatasetFormatException(path, $"truncated: header declares {what} ({length} bytes), the file has {got}");
        if (Read(stream, path, new byte[1]) != 0) throw new DatasetFormatException(path, $"has bytes after the {what} its header declares");
        return body;
    }

    private static int Read(Stream stream, string path, Memory<byte> buffer)
    {
        try
        {
            return stream.ReadAtLeast(buffer.Span, buffer.Length, throwOnEndOfStream: false);
        }
        catch (InvalidDataException e)
        {
            throw new DatasetFormatException(path, $"corrupt gzip data: {e.Message}", e);
        }
    }
}
