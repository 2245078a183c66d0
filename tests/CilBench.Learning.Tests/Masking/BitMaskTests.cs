using CilBench.Learning.Masking;
using CilBench.Torch;

namespace CilBench.Learning.Tests.Masking;

public class BitMaskTests
{
    [Fact]
    public void NineElementsPackIntoTwoBytesLittleEndianBitOrder()
    {
        using var scope = torch.NewDisposeScope();
        var mask = torch.tensor(new[] { true, false, true, true, false, false, false, false, true });
        var packed = BitMask.Pack(mask);
        Assert.Equal(ScalarType.UInt8, packed.dtype);
        // numpy.packbits([1,0,1,1,0,0,0,0,1], bitorder="little") == [13, 1].
        Assert.Equal([(byte)13, (byte)1], packed.data<byte>());
        Assert.Equal(mask.data<bool>(), BitMask.Unpack(packed, [9]).data<bool>());
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(20, 3)]
    [InlineData(50, 20)]
    public void AnyMaskRoundTripsAtOneBitPerElement(long rows, long columns)
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed((ulong)rows);
        var mask = torch.rand([rows, columns]).gt(0.5);
        var packed = BitMask.Pack(mask);
        Assert.Equal((rows * columns + 7) / 8, packed.numel() * packed.element_size());
        Assert.True(BitMask.Unpack(packed, [rows, columns]).equal(mask));
    }

    [Fact]
    public void ABufferOfTheWrongSizeIsRefusedNamingBothSizes()
    {
        using var scope = torch.NewDisposeScope();
        var e = Assert.Throws<ArgumentException>(() => BitMask.Unpack(torch.zeros([3], ScalarType.UInt8), [4, 4]));
        Assert.Contains("needs 2 uint8 bytes, got 3", e.Message);
    }
}
