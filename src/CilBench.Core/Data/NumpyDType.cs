namespace CilBench.Core.Data;

/// <summary>A numpy dtype rebuilt from a pickle: <c>numpy.dtype(code, False, True)</c> then its state (byte order first).</summary>
internal sealed class NumpyDType(string code)
{
    private char order = '|';

    public string Str => $"{order}{Code}";

    /// <summary>Kind and size, e.g. "u1", "i8"; a byte-order prefix in the constructor argument is dropped, the state gives the order.</summary>
    public string Code { get; private set; } = Normalize(code);

    public int ItemSize => int.TryParse(Code.AsSpan(1), out var n) ? n : 0;

    private static string Normalize(string c) => c.Length > 0 && c[0] is '<' or '>' or '|' or '=' ? c[1..] : c;

    /// <summary>numpy's <c>dtype.__setstate__</c>: (version, byte order, ...).</summary>
    public void SetState(object? state, string source)
    {
        if (state is not object?[] { Length: >= 2 } t || PickleReader.AsText(t[1]) is not { Length: 1 } o || o[0] is not ('<' or '>' or '|' or '='))
            throw new DatasetFormatException(source, $"numpy dtype state must start (version, byte order), got {PickleReader.Describe(state)}");
        order = o[0] == '=' ? (BitConverter.IsLittleEndian ? '<' : '>') : o[0];
        if (ItemSize == 0 || !"biuf".Contains(Code[0]))
            throw new DatasetFormatException(source, $"numpy dtype '{Code}' is not a plain numeric type");
    }
}
