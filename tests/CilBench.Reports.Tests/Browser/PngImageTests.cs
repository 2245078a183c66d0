using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace CilBench.Reports.Tests.Browser;

public class PngImageTests
{
    [Fact]
    public void Decodes_every_scanline_filter_back_to_the_pixels()
    {
        // 3 x 5 RGB: row y has pixel x = (10x + y, 20 + x, 200 - y); each row stored with filter y (none, sub, up, average, Paeth).
        const int width = 3, height = 5;
        byte Pixel(int x, int y, int k) => (byte)(k == 0 ? 10 * x + y : k == 1 ? 20 + x : 200 - y);
        var raw = new MemoryStream();
        for (var y = 0; y < height; y++)
        {
            raw.WriteByte((byte)y);
            for (var i = 0; i < width * 3; i++)
            {
                int v = Pixel(i / 3, y, i % 3), a = i >= 3 ? Pixel(i / 3 - 1, y, i % 3) : 0, b = y > 0 ? Pixel(i / 3, y - 1, i % 3) : 0;
                int c = i >= 3 && y > 0 ? Pixel(i / 3 - 1, y - 1, i % 3) : 0;
                var p = a + b - c;
                var paeth = Math.Abs(p - a) <= Math.Abs(p - b) && Math.Abs(p - a) <= Math.Abs(p - c) ? a : Math.Abs(p - b) <= Math.Abs(p - c) ? b : c;
                raw.WriteByte((byte)(v - y switch { 0 => 0, 1 => a, 2 => b, 3 => (a + b) / 2, _ => paeth }));
            }
        }
        var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0d, 0x0a, 0x1a, 0x0a]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        (header[8], header[9]) = (8, 2);
        Chunk(png, "IHDR", header);
        var compressed = new MemoryStream();
        using (var z = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true)) z.Write(raw.ToArray());
        Chunk(png, "IDAT", compressed.ToArray());
        Chunk(png, "IEND", []);

        var image = PngImage.Decode(png.ToArray());

        Assert.Equal((width, height), (image.Width, image.Height));
        for (var y = 0; y < height; y++)
            for (var i = 0; i < width * 3; i++)
                Assert.Equal(Pixel(i / 3, y, i % 3), image.Rgb[(y * width * 3) + i]);
        Assert.Equal(1.0, image.InkedShare());
        Assert.Equal(width * height, image.Colours());
    }

    // Length, type, data and a CRC the decoder does not check.
    private static void Chunk(Stream png, string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);
        png.Write(Encoding.ASCII.GetBytes(type));
        png.Write(data);
        png.Write(new byte[4]);
    }
}
