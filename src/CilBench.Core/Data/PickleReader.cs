using System.Buffers.Binary;
using System.Text;

namespace CilBench.Core.Data;

/// <summary>
/// A minimal, safe unpickler for dataset files: the protocol 2 opcodes of the official CIFAR batches (written by
/// Python 2) and of <c>pickle.dump(..., protocol=2)</c> from Python 3, plus the protocol 3/4 framing and byte
/// opcodes. It builds dicts (<see cref="PickleDictionary"/>), lists, tuples (object?[]), ints (long), str, bytes
/// (byte[]), bool, None and numpy arrays (<see cref="NumpyArray"/>). Only the globals numpy arrays need are allowed;
/// any other global is refused, so no code from the file runs.
/// </summary>
public sealed class PickleReader
{
    private readonly Stream stream;
    private readonly string source;
    private readonly List<object?> stack = [];
    private readonly Stack<int> marks = new();
    private readonly Dictionary<long, object?> memo = [];
    private readonly byte[] scratch = new byte[8];

    private PickleReader(Stream stream, string source)
    {
        this.stream = stream;
        this.source = source;
    }

    /// <summary>Reads one pickled object from the file at <paramref name="path"/>.</summary>
    public static object? Load(string path)
    {
        if (!File.Exists(path)) throw new DatasetFormatException(path, "file not found");
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return Load(file, path);
    }

    /// <summary>Reads one pickled object from <paramref name="stream"/>; <paramref name="source"/> names it in errors.</summary>
    public static object? Load(Stream stream, string source) => new PickleReader(stream, source).Run();

    /// <summary>Text from a str, or from a Python 2 str (bytes, read as Latin-1); null for anything else.</summary>
    internal static string? AsText(object? value) => value switch
    {
        string s => s,
        byte[] b => Encoding.Latin1.GetString(b),
        _ => null,
    };

    /// <summary>A short description of a pickled value for error messages.</summary>
    public static string Describe(object? value) => value switch
    {
        null => "None",
        string s => $"str '{(s.Length > 40 ? s[..40] + "..." : s)}'",
        byte[] b => $"bytes of length {b.Length}",
        long l => $"int {l}",
        bool b => b ? "True" : "False",
        object?[] t => $"tuple of {t.Length}",
        List<object?> l => $"list of {l.Count}",
        PickleDictionary d => $"dict of {d.Count}",
        NumpyArray a => $"numpy array ({string.Join(", ", a.Shape)}) {a.DType}",
        Global g => $"global {g.Module}.{g.Name}",
        _ => value.GetType().Name,
    };

    private object? Run()
    {
        while (true)
        {
            var offset = Position;
            var op = stream.ReadByte();
            if (op < 0) throw Error(offset, "truncated: the pickle ends before its STOP opcode");
            switch (op)
            {
                case 0x80: ReadExact(1); break; // PROTO
                case 0x95: ReadExact(8); break; // FRAME: a length hint only
                case '.': // STOP
                    if (stack.Count != 1) throw Error(offset, $"STOP with {stack.Count} values on the stack, expected 1");
                    return stack[0];
                case '(': marks.Push(stack.Count); break;
                case '}': stack.Add(new PickleDictionary()); break;
                case ']': stack.Add(new List<object?>()); break;
                case ')': stack.Add(Array.Empty<object?>()); break;
                case 't': stack.Add(PopMark(offset).ToArray()); break;
                case 0x85: stack.Add(PopN(1, offset)); break;
                case 0x86: stack.Add(PopN(2, offset)); break;
                case 0x87: stack.Add(PopN(3, offset)); break;
                case 's': SetItems(PopN(2, offset), offset); break;
                case 'u': SetItems(PopMark(offset), offset); break;
                case 'a': Append(PopN(1, offset), offset); break;
                case 'e': Append(PopMark(offset), offset); break;
                case 'J': stack.Add((long)BinaryPrimitives.ReadInt32LittleEndian(ReadExact(4))); break;
                case 'K': stack.Add((long)ReadExact(1)[0]); break;
                case 'M': stack.Add((long)BinaryPrimitives.ReadUInt16LittleEndian(ReadExact(2))); break;
                case 0x8a: stack.Add(ReadLong1(offset)); break;
                case 'N': stack.Add(null); break;
                case 0x88: stack.Add(true); break;
                case 0x89: stack.Add(false); break;
                case 'U': stack.Add(ReadBytes(ReadExact(1)[0], offset)); break; // SHORT_BINSTRING (Python 2 str = bytes)
                case 'T': stack.Add(ReadBytes(ReadLength4(offset), offset)); break; // BINSTRING
                case 'C': stack.Add(ReadBytes(ReadExact(1)[0], offset)); break; // SHORT_BINBYTES
                case 'B': stack.Add(ReadBytes(ReadLength4(offset), offset)); break; // BINBYTES
                case 'X': stack.Add(Encoding.UTF8.GetString(ReadBytes(ReadLength4(offset), offset))); break; // BINUNICODE
                case 0x8c: stack.Add(Encoding.UTF8.GetString(ReadBytes(ReadExact(1)[0], offset))); break; // SHORT_BINUNICODE
                case 'c': stack.Add(new Global(ReadLine(offset), ReadLine(offset))); break;
                case 'R': Reduce(offset); break;
                case 'b': Build(offset); break;
                case 'q': memo[ReadExact(1)[0]] = Top(offset); break; // BINPUT
                case 'r': memo[BinaryPrimitives.ReadUInt32LittleEndian(ReadExact(4))] = Top(offset); break; // LONG_BINPUT
                case 0x94: memo[memo.Count] = Top(offset); break; // MEMOIZE
                case 'h': stack.Add(Recall(ReadExact(1)[0], offset)); break; // BINGET
                case 'j': stack.Add(Recall(BinaryPrimitives.ReadUInt32LittleEndian(ReadExact(4)), offset)); break; // LONG_BINGET
                default:
                    throw Error(offset, $"unsupported pickle opcode 0x{op:x2} ('{(char)op}'); expected a protocol 2-4 pickle of dicts, lists and numpy arrays");
            }
        }
    }

    private long Position => stream.CanSeek ? stream.Position : -1;

    private DatasetFormatException Error(long offset, string problem) =>
        new(source, offset >= 0 ? $"{problem} (at byte {offset})" : problem);

    private byte[] ReadExact(int n)
    {
        var buffer = n <= scratch.Length ? scratch : new byte[n];
        if (stream.ReadAtLeast(buffer.AsSpan(0, n), n, throwOnEndOfStream: false) < n)
            throw Error(Position, $"truncated: the pickle ends inside an opcode that needs {n} more bytes");
        return buffer;
    }

    private byte[] ReadBytes(long n, long offset)
    {
        if (n > Array.MaxLength) throw Error(offset, $"string of {n} bytes is larger than one array can hold");
        var result = new byte[n];
        var got = stream.ReadAtLeast(result, result.Length, throwOnEndOfStream: false);
        if (got < n) throw Error(offset, $"truncated: a string of {n} bytes is cut off after {got}");
        return result;
    }

    private long ReadLength4(long offset)
    {
        var n = BinaryPrimitives.ReadInt32LittleEndian(ReadExact(4));
        if (n < 0) throw Error(offset, $"negative string length {n}");
        return n;
    }

    private long ReadLong1(long offset)
    {
        int n = ReadExact(1)[0];
        if (n > 8) throw Error(offset, $"integer of {n} bytes does not fit in 64 bits");
        var bytes = ReadExact(n);
        long value = 0;
        for (var i = n - 1; i >= 0; i--) value = (value << 8) | bytes[i];
        if (n is > 0 and < 8 && (bytes[n - 1] & 0x80) != 0) value -= 1L << (8 * n); // two's complement sign
        return value;
    }

    private string ReadLine(long offset)
    {
        var sb = new StringBuilder();
        while (true)
        {
            var b = stream.ReadByte();
            if (b < 0) throw Error(offset, "truncated: the pickle ends inside a GLOBAL name");
            if (b == '\n') return sb.ToString();
            sb.Append((char)b);
        }
    }

    private object? Top(long offset) => stack.Count > 0 ? stack[^1] : throw Error(offset, "memo store with an empty stack");

    private object? Recall(long key, long offset) =>
        memo.TryGetValue(key, out var v) ? v : throw Error(offset, $"memo key {key} was never stored");

    private object?[] PopN(int n, long offset)
    {
        var floor = marks.Count > 0 ? marks.Peek() : 0;
        if (stack.Count - n < floor) throw Error(offset, $"opcode needs {n} value(s) on the stack, found {stack.Count - floor}");
        var items = stack.GetRange(stack.Count - n, n).ToArray();
        stack.RemoveRange(stack.Count - n, n);
        return items;
    }

    private List<object?> PopMark(long offset)
    {
        if (marks.Count == 0) throw Error(offset, "opcode needs a MARK but none is open");
        var start = marks.Pop();
        var items = stack.GetRange(start, stack.Count - start);
        stack.RemoveRange(start, stack.Count - start);
        return items;
    }

    private void SetItems(IReadOnlyList<object?> kv, long offset)
    {
        if (kv.Count % 2 != 0) throw Error(offset, $"SETITEMS with an odd number ({kv.Count}) of keys and values");
        if (Top(offset) is not PickleDictionary dict) throw Error(offset, $"SETITEM(S) on {Describe(Top(offset))}, expected a dict");
        for (var i = 0; i < kv.Count; i += 2) dict.Set(kv[i], kv[i + 1]);
    }

    private void Append(IReadOnlyList<object?> items, long offset)
    {
        if (Top(offset) is not List<object?> list) throw Error(offset, $"APPEND(S) on {Describe(Top(offset))}, expected a list");
        list.AddRange(items);
    }

    // The only callables a dataset pickle may name: numpy's array and dtype reconstruction, and the two ways Python 3
    // writes bytes under protocol 2 (_codecs.encode(latin1 text) and bytes() for empty ones).
    private void Reduce(long offset)
    {
        var popped = PopN(2, offset);
        if (popped[0] is not Global g) throw Error(offset, $"REDUCE calls {Describe(popped[0])}, expected a global");
        if (popped[1] is not object?[] args) throw Error(offset, $"REDUCE arguments are {Describe(popped[1])}, expected a tuple");
        stack.Add((g.Module, g.Name, args) switch
        {
            ("numpy.core.multiarray" or "numpy._core.multiarray", "_reconstruct", [Global { Name: "ndarray" }, ..]) => new NumpyArray(),
            ("numpy", "dtype", [var code, ..]) when AsText(code) is { } c => new NumpyDType(c),
            ("_codecs", "encode", [string text, "latin1" or "latin-1"]) => Encoding.Latin1.GetBytes(text),
            ("__builtin__" or "builtins", "bytes", []) => Array.Empty<byte>(),
            _ => throw Error(offset, $"pickle calls {g.Module}.{g.Name} with {Describe(args)}; only numpy arrays, dtypes and bytes are allowed"),
        });
    }

    private void Build(long offset)
    {
        var state = PopN(1, offset)[0];
        switch (Top(offset))
        {
            case NumpyArray a: a.SetState(state, source); break;
            case NumpyDType d: d.SetState(state, source); break;
            case var other: throw Error(offset, $"BUILD on {Describe(other)}, expected a numpy array or dtype");
        }
    }

    /// <summary>A module-level name from a GLOBAL opcode.</summary>
    internal sealed record Global(string Module, string Name);
}
