using System.Buffers.Binary;

namespace CilBench.Core.Data;

/// <summary>
/// A numpy array rebuilt from a pickle (<c>numpy.core.multiarray._reconstruct</c> then <c>__setstate__</c>): its
/// shape, dtype descriptor (e.g. "|u1", "&lt;i8") and raw C-order bytes.
/// </summary>
public sealed class NumpyArray
{
    internal NumpyArray() { }

    public long[] Shape { get; private set; } = [0];

    /// <summary>Byte order and type code, as numpy's <c>dtype.str</c>: "|u1", "&lt;i8"...</summary>
    public string DType { get; private set; } = "";

    public byte[] Data { get; private set; } = [];

    public long Length => Shape.Aggregate(1L, (a, b) => a * b);

    /// <summary>numpy's <c>ndarray.__setstate__</c>: (version, shape, dtype, is_fortran, data), or the 4-tuple without version.</summary>
    internal void SetState(object? state, string source)
    {
        if (state is not object?[] t || t.Length is not (4 or 5))
            throw new DatasetFormatException(source, $"numpy array state must be a 4- or 5-tuple, got {PickleReader.Describe(state)}");
        var s = t.Length == 5 ? t[1..] : t;
        if (s[0] is not object?[] shape || shape.Any(d => d is not long))
            throw new DatasetFormatException(source, $"numpy array shape must be a tuple of ints, got {PickleReader.Describe(s[0])}");
        if (s[1] is not NumpyDType dtype)
            throw new DatasetFormatException(source, $"numpy array dtype expected, got {PickleReader.Describe(s[1])}");
        if (s[2] is true)
            throw new DatasetFormatException(source, "numpy array is in Fortran order, expected C order");
        if (s[3] is not byte[] data)
            throw new DatasetFormatException(source, $"numpy array data must be raw bytes (dtype {dtype.Str}), got {PickleReader.Describe(s[3])}");
        Shape = shape.Select(d => (long)d!).ToArray();
        DType = dtype.Str;
        Data = data;
        var expected = Length * dtype.ItemSize;
        if (data.LongLength != expected)
            throw new DatasetFormatException(source,
                $"numpy array of shape ({string.Join(", ", Shape)}) and dtype {DType} needs {expected} bytes of data, the pickle holds {data.LongLength}");
    }

    /// <summary>The elements of an integer array, widened to int64.</summary>
    public long[] ToInt64(string source)
    {
        var order = DType[0];
        var code = DType[1..];
        if (order == '>' && code is not ("u1" or "i1"))
            throw new DatasetFormatException(source, $"numpy array dtype {DType} is big-endian, expected little-endian");
        var span = Data.AsSpan();
        var n = (int)Length;
        var result = new long[n];
        for (var i = 0; i < n; i++)
            result[i] = code switch
            {
                "u1" => span[i],
                "i1" => (sbyte)span[i],
                "u2" => BinaryPrimitives.ReadUInt16LittleEndian(span[(2 * i)..]),
                "i2" => BinaryPrimitives.ReadInt16LittleEndian(span[(2 * i)..]),
                "u4" => BinaryPrimitives.ReadUInt32LittleEndian(span[(4 * i)..]),
                "i4" => BinaryPrimitives.ReadInt32LittleEndian(span[(4 * i)..]),
                "i8" => BinaryPrimitives.ReadInt64LittleEndian(span[(8 * i)..]),
                _ => throw new DatasetFormatException(source, $"numpy array dtype {DType} is not an integer type of at most 64 signed bits"),
            };
        return result;
    }
}
