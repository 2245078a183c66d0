using System.Text;
using CilBench.Core.Data;

namespace CilBench.Core.Tests.Data;

public class PickleReaderTests
{
    private static object? Load(string pickle) => PickleReader.Load(new MemoryStream(Encoding.Latin1.GetBytes(pickle)), "test.pkl");

    [Fact]
    public void ReadsTheOfficialCifarLayout()
    {
        var root = Assert.IsType<PickleDictionary>(PickleReader.Load(new MemoryStream(CifarFixtures.Cifar10PickleBatch(2)), "batch"));
        Assert.True(root.TryGetValue("data", out var data));
        var array = Assert.IsType<NumpyArray>(data);
        Assert.Equal(new long[] { 2, 3072 }, array.Shape);
        Assert.Equal("|u1", array.DType);
        Assert.Equal(CifarFixtures.Pixels(2), array.Data);
        Assert.True(root.TryGetValue("labels", out var labels));
        Assert.Equal(new object?[] { 0L, 3L }, Assert.IsType<List<object?>>(labels));
    }

    [Fact]
    public void ReadsIntegersStringsAndMemo()
    {
        // (LONG1 -2, LONG1 2**40, BINUNICODE 'é', True, None, memo get of the first)
        var value = Load("\x80\x02(\x8a\x01\xfeq\x00\x8a\x06\x00\x00\x00\x00\x00\x01X\x02\x00\x00\x00\xc3\xa9\x88Nh\x00t.");
        Assert.Equal(new object?[] { -2L, 1L << 40, "é", true, null, -2L }, Assert.IsType<object?[]>(value));
    }

    [Fact]
    public void RefusesGlobalsOtherThanNumpy()
    {
        var e = Assert.Throws<DatasetFormatException>(() => Load("\x80\x02" + "cos\nsystem\nU\x02ls\x85R."));
        Assert.Contains("pickle calls os.system", e.Message);
        Assert.Contains("only numpy arrays, dtypes and bytes are allowed", e.Message);
    }

    [Fact]
    public void UnknownOpcodeIsNamedWithItsOffset()
    {
        var e = Assert.Throws<DatasetFormatException>(() => Load("\x80\x02G\x00."));
        Assert.Contains("unsupported pickle opcode 0x47 ('G')", e.Message);
        Assert.Contains("at byte 2", e.Message);
    }

    [Fact]
    public void MissingStopIsTruncation()
    {
        var e = Assert.Throws<DatasetFormatException>(() => Load("\x80\x02}"));
        Assert.Contains("truncated: the pickle ends before its STOP opcode", e.Message);
    }

    [Fact]
    public void ArrayWhoseDataDoesNotMatchItsShapeIsReported()
    {
        var bytes = CifarFixtures.Cifar10PickleBatch(2);
        // Shape (2, 3072) is written as K\x02 M\x00\x0c; claim 3 rows instead.
        var at = IndexOf(bytes, [(byte)'K', 2, (byte)'M', 0x00, 0x0c]);
        bytes[at + 1] = 3;
        var e = Assert.Throws<DatasetFormatException>(() => PickleReader.Load(new MemoryStream(bytes), "batch"));
        Assert.Contains("numpy array of shape (3, 3072) and dtype |u1 needs 9216 bytes of data, the pickle holds 6144", e.Message);
    }

    private static int IndexOf(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle);
}
