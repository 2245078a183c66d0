using System.Buffers.Binary;
using System.IO.Compression;

namespace CilBench.Reports.Tests.Browser;

/// <summary>
/// Decodes an 8-bit RGB or RGBA, non-interlaced PNG (what chromium's screenshots are) into pixels, enough to tell a
/// blank page from a drawn one. PNG: signature, chunks (length, type, data, CRC); IDAT holds zlib-compressed scanlines,
/// each led by a filter byte (none, sub, up, average, Paeth).
/// </summary>
internal sealed record PngImage(int Width, int Height, byte[] Rgb)
{
    public static PngImage Decode(byte[] png)
    {
        var (width, height, channels) = (0, 0, 0);
        using var idat = new MemoryStream();
        for (var at = 8; at < png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            var type = System.Text.Encoding.ASCII.GetString(png, at + 4, 4);
            var data = png.AsSpan(at + 8, length);
            if (type == "IHDR")
            {
                (width, height) = (BinaryPrimitives.ReadInt32BigEndian(data), BinaryPrimitives.ReadInt32BigEndian(data[4..]));
                if (data[8] != 8 || data[12] != 0) throw new NotSupportedException("only 8-bit non-interlaced PNGs");
                channels = data[9] switch { 2 => 3, 6 => 4, _ => throw new NotSupportedException($"colour type {data[9]}") };
            }
            else if (type == "IDAT") idat.Write(data);
            at += 12 + length;
        }
        idat.Position = 0;
        using var z = new ZLibStream(idat, CompressionMode.Decompress);
        var stride = width * channels;
        var raw = new byte[height * (stride + 1)];
        z.ReadExactly(raw);
        var pixels = new byte[height * stride];
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (stride + 1)];
            for (var x = 0; x < stride; x++)
            {
                int a = x >= channels ? pixels[y * stride + x - channels] : 0;
                int b = y > 0 ? pixels[(y - 1) * stride + x] : 0;
                int c = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels] : 0;
                int v = raw[y * (stride + 1) + 1 + x];
                pixels[y * stride + x] = (byte)(filter switch
                {
                    0 => v,
                    1 => v + a,
                    2 => v + b,
                    3 => v + (a + b) / 2,
                    4 => v + Paeth(a, b, c),
                    _ => throw new NotSupportedException($"filter {filter}"),
                });
            }
        }
        var rgb = new byte[width * height * 3];
        for (var i = 0; i < width * height; i++)
            for (var k = 0; k < 3; k++) rgb[i * 3 + k] = pixels[i * channels + k];
        return new PngImage(width, height, rgb);
    }

    /// <summary>The share of pixels that are not white.</summary>
    public double InkedShare()
    {
        var inked = 0;
        for (var i = 0; i < Width * Height; i++)
            if (Rgb[i * 3] < 250 || Rgb[i * 3 + 1] < 250 || Rgb[i * 3 + 2] < 250) inked++;
        return (double)inked / (Width * Height);
    }

    /// <summary>Distinct colours (a blank or single-colour page has one or two).</summary>
    public int Colours() => Enumerable.Range(0, Width * Height).Select(i => (Rgb[i * 3] << 16) | (Rgb[i * 3 + 1] << 8) | Rgb[i * 3 + 2]).Distinct().Count();

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        var (pa, pb, pc) = (Math.Abs(p - a), Math.Abs(p - b), Math.Abs(p - c));
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
