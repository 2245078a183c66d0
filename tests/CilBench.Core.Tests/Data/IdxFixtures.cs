using System.Buffers.Binary;
using System.IO.Compression;

namespace CilBench.Core.Tests.Data;

/// <summary>Writes IDX files exactly as MNIST publishes them: big-endian header, raw bytes, gzip-compressed.</summary>
public static class IdxFixtures
{
    public static byte Pixel(int image, int row, int col) => (byte)((image * 31 + row * 7 + col * 3) % 256);

    public static byte[] Pixels(int n, int rows, int cols)
    {
        var result = new byte[n * rows * cols];
        for (var i = 0; i < n; i++)
            for (var r = 0; r < rows; r++)
                for (var c = 0; c < cols; c++)
                    result[(i * rows + r) * cols + c] = Pixel(i, r, c);
        return result;
    }

    public static byte[] Images(int n, int rows, int cols, int magic = 2051, byte[]? body = null) =>
        Concat(Header(magic, n, rows, cols), body ?? Pixels(n, rows, cols));

    public static byte[] Labels(byte[] labels, int magic = 2049, int? count = null) =>
        Concat(Header(magic, count ?? labels.Length), labels);

    public static void WriteGz(string path, byte[] content)
    {
        using var file = File.Create(path);
        using var gz = new GZipStream(file, CompressionLevel.Fastest);
        gz.Write(content);
    }

    /// <summary>The four files of an MNIST-style folder: n train and m test images of rows x cols, labels i % 10.</summary>
    public static void WriteDataset(string dir, int n, int m, int rows = 4, int cols = 5)
    {
        WriteGz(Path.Combine(dir, "train-images-idx3-ubyte.gz"), Images(n, rows, cols));
        WriteGz(Path.Combine(dir, "train-labels-idx1-ubyte.gz"), Labels(LabelValues(n)));
        WriteGz(Path.Combine(dir, "t10k-images-idx3-ubyte.gz"), Images(m, rows, cols));
        WriteGz(Path.Combine(dir, "t10k-labels-idx1-ubyte.gz"), Labels(LabelValues(m)));
    }

    public static byte[] LabelValues(int n) => Enumerable.Range(0, n).Select(i => (byte)(i % 10)).ToArray();

    private static byte[] Header(params int[] words)
    {
        var h = new byte[4 * words.Length];
        for (var i = 0; i < words.Length; i++) BinaryPrimitives.WriteInt32BigEndian(h.AsSpan(4 * i), words[i]);
        return h;
    }

    private static byte[] Concat(byte[] a, byte[] b) => [.. a, .. b];
}
