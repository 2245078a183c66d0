using System.Buffers.Binary;
using System.Text;

namespace CilBench.Core.Tests.Data;

/// <summary>
/// CIFAR files in the official formats, with deterministic contents: pixel (i, j) of a batch is (i*7 + j*13) mod 256
/// plus the batch's offset, label i is (i*3 + offset) mod classCount.
/// </summary>
public static class CifarFixtures
{
    public const int ImageBytes = 3072;

    public static byte[] Pixels(int n, int offset = 0)
    {
        var result = new byte[n * ImageBytes];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < ImageBytes; j++)
                result[i * ImageBytes + j] = (byte)((i * 7 + j * 13 + offset) % 256);
        return result;
    }

    public static int[] LabelValues(int n, int classCount, int offset = 0) =>
        Enumerable.Range(0, n).Select(i => (i * 3 + offset) % classCount).ToArray();

    /// <summary>
    /// A CIFAR-10 python-version batch, byte for byte in the layout of the official files (Python 2 cPickle,
    /// protocol 2: SHORT_BINSTRING keys, numpy _reconstruct + BUILD, the pixels as one BINSTRING, labels a list).
    /// </summary>
    public static byte[] Cifar10PickleBatch(int n, int offset = 0) =>
        PickleBatch(n, offset, [("labels", LabelValues(n, 10, offset))], "training batch 1 of 5");

    /// <summary>A CIFAR-100 python-version file (keys filenames, batch_label, fine_labels, coarse_labels, data).</summary>
    public static byte[] Cifar100PickleBatch(int n, int offset = 0) =>
        PickleBatch(n, offset, [("fine_labels", LabelValues(n, 100, offset)), ("coarse_labels", LabelValues(n, 20, offset))], "training batch 1 of 1");

    /// <summary>Binary-version records: <paramref name="labelColumns"/> label bytes then 3072 pixel bytes each.</summary>
    public static byte[] BinaryBatch(int n, int[][] labelColumns, int offset = 0)
    {
        var record = labelColumns.Length + ImageBytes;
        var pixels = Pixels(n, offset);
        var result = new byte[n * record];
        for (var i = 0; i < n; i++)
        {
            for (var k = 0; k < labelColumns.Length; k++) result[i * record + k] = (byte)labelColumns[k][i];
            pixels.AsSpan(i * ImageBytes, ImageBytes).CopyTo(result.AsSpan(i * record + labelColumns.Length));
        }
        return result;
    }

    private static byte[] PickleBatch(int n, int offset, (string Key, int[] Values)[] labels, string batchLabel)
    {
        var p = new PickleBytes();
        p.Op(0x80).Op(2);                             // PROTO 2
        p.Op('}').Put().Op('(');                      // EMPTY_DICT, BINPUT, MARK
        p.Str("batch_label").Put().Str(batchLabel).Put();
        foreach (var (key, values) in labels)
        {
            p.Str(key).Put().Op(']').Put().Op('(');   // EMPTY_LIST, MARK
            foreach (var v in values) p.Int(v);
            p.Op('e');                                // APPENDS
        }
        p.Str("data").Put();
        p.Global("numpy.core.multiarray", "_reconstruct").Put();
        p.Global("numpy", "ndarray").Put().Int(0).Op(0x85).Str("b").Op(0x87).Op('R').LongPut();
        p.Op('(').Int(1).Int(n).Int(ImageBytes).Op(0x86);  // (1, (n, 3072),
        p.Global("numpy", "dtype").Put().Str("u1").Int(0).Int(1).Op(0x87).Op('R').Put();
        p.Op('(').Int(3).Str("|").Op('N').Op('N').Op('N').Int(-1).Int(-1).Int(0).Op('t').Op('b');  // dtype state
        p.Op(0x89).Bytes(Pixels(n, offset)).Op('t').Op('b');  // False, BINSTRING pixels), BUILD
        p.Str("filenames").Put().Op(']').Put().Op('(');
        for (var i = 0; i < n; i++) p.Str($"img_{i}.png");
        p.Op('e');
        p.Op('u').Op('.');                            // SETITEMS, STOP
        return p.ToArray();
    }

    /// <summary>Emits pickle opcodes the way Python 2's cPickle does for these objects.</summary>
    private sealed class PickleBytes
    {
        private readonly MemoryStream s = new();
        private int memo;

        public PickleBytes Op(int b)
        {
            s.WriteByte((byte)b);
            return this;
        }

        public PickleBytes Put() => Op('q').Op(++memo);

        public PickleBytes LongPut()
        {
            Op('r');
            Span<byte> b = stackalloc byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(b, ++memo);
            s.Write(b);
            return this;
        }

        public PickleBytes Int(int v)
        {
            Span<byte> b = stackalloc byte[4];
            if (v is >= 0 and < 256) return Op('K').Op(v);
            if (v is >= 0 and < 65536)
            {
                BinaryPrimitives.WriteUInt16LittleEndian(b, (ushort)v);
                Op('M');
                s.Write(b[..2]);
                return this;
            }
            BinaryPrimitives.WriteInt32LittleEndian(b, v);
            Op('J');
            s.Write(b);
            return this;
        }

        public PickleBytes Str(string text)
        {
            var bytes = Encoding.Latin1.GetBytes(text);
            if (bytes.Length < 256)
            {
                Op('U').Op(bytes.Length);
                s.Write(bytes);
                return this;
            }
            return Bytes(bytes);
        }

        public PickleBytes Bytes(byte[] bytes)
        {
            Op('T');
            Span<byte> b = stackalloc byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(b, bytes.Length);
            s.Write(b);
            s.Write(bytes);
            return this;
        }

        public PickleBytes Global(string module, string name)
        {
            Op('c');
            s.Write(Encoding.ASCII.GetBytes($"{module}\n{name}\n"));
            return this;
        }

        public byte[] ToArray() => s.ToArray();
    }
}
