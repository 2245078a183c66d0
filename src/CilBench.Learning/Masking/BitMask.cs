using CilBench.Torch;

namespace CilBench.Learning.Masking;

/// <summary>
/// Binary masks stored one bit per element: a uint8 tensor of ceil(n / 8) bytes, bit k of byte j holding element
/// 8j + k (little-endian bit order, as numpy's <c>packbits(bitorder="little")</c>). A learner's state counts a mask at
/// its packed size.
/// </summary>
public static class BitMask
{
    /// <summary>Packs a mask (any shape; nonzero is 1) into ceil(numel / 8) bytes, on the CPU.</summary>
    public static Tensor Pack(Tensor mask)
    {
        using var scope = torch.NewDisposeScope();
        var bits = mask.ne(0).to(ScalarType.UInt8).cpu().contiguous().data<byte>();
        var packed = new byte[(bits.Length + 7) / 8];
        for (var i = 0; i < bits.Length; i++)
            if (bits[i] != 0) packed[i >> 3] |= (byte)(1 << (i & 7));
        return torch.tensor(packed, [packed.LongLength]).MoveToOuterScope();
    }

    /// <summary>Unpacks <paramref name="packed"/> into a bool mask of <paramref name="shape"/>.</summary>
    /// <exception cref="ArgumentException">The packed bytes do not hold exactly that many elements.</exception>
    public static Tensor Unpack(Tensor packed, long[] shape, Device? device = null)
    {
        var count = shape.Aggregate(1L, (a, b) => a * b);
        if (packed.dtype != ScalarType.UInt8 || packed.numel() != (count + 7) / 8)
            throw new ArgumentException(
                $"a packed mask of [{string.Join(", ", shape)}] needs {(count + 7) / 8} uint8 bytes, got {packed.numel()} of {packed.dtype}");
        using var scope = torch.NewDisposeScope();
        var bytes = packed.cpu().contiguous().data<byte>();
        var bits = new byte[count];
        for (var i = 0; i < count; i++) bits[i] = (byte)((bytes[i >> 3] >> (int)(i & 7)) & 1);
        var mask = torch.tensor(bits, shape).ne(0);
        return (device is null ? mask : mask.to(device.Value)).MoveToOuterScope();
    }
}
