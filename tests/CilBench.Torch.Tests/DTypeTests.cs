using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace CilBench.Torch.Tests;

/// <summary>Creation and element types: values survive data&lt;T&gt;(), bytes() and frombuffer() bit for bit.</summary>
public class DTypeTests
{
    private static void RoundTrips<T>(T[] values, ScalarType dtype, int elementSize) where T : unmanaged
    {
        using var scope = torch.NewDisposeScope();
        var t = torch.tensor(values, [2, values.Length / 2]);
        Assert.Equal(dtype, t.dtype);
        Assert.Equal(elementSize, t.element_size());
        Assert.Equal(new long[] { 2, values.Length / 2 }, t.shape);
        Assert.Equal(values, t.data<T>());

        var raw = MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
        Assert.Equal(raw, t.bytes());
        var back = torch.frombuffer(raw, [values.Length], dtype);
        Assert.Equal(values, back.data<T>());
    }

    [Fact]
    public void Float32() => RoundTrips([1.5f, -0.0f, float.Epsilon, float.MaxValue, float.NegativeInfinity, 1e-40f], ScalarType.Float32, 4);

    [Fact]
    public void Float64() => RoundTrips([Math.PI, -0.0, double.Epsilon, double.MinValue, 1e300, -7], ScalarType.Float64, 8);

    [Fact]
    public void Float16() => RoundTrips([(Half)1.5, (Half)(-0.0), Half.Epsilon, Half.MaxValue, (Half)(1 / 3.0), Half.NegativeInfinity], ScalarType.Float16, 2);

    [Fact]
    public void Int64() => RoundTrips([long.MinValue, -1, 0, 1, long.MaxValue, 1L << 40], ScalarType.Int64, 8);

    [Fact]
    public void Int32() => RoundTrips([int.MinValue, -1, 0, 1, int.MaxValue, 1 << 20], ScalarType.Int32, 4);

    [Fact]
    public void UInt8() => RoundTrips(new byte[] { 0, 1, 127, 128, 254, 255 }, ScalarType.UInt8, 1);

    [Fact]
    public void Bool() => RoundTrips([true, false, false, true, true, true], ScalarType.Bool, 1);

    [Fact]
    public void BFloat16IsTheTopHalfOfFloat32()
    {
        using var scope = torch.NewDisposeScope();
        // 1.0 = 0x3F80, -2.5 = 0xC020, and 1/3 (0x3EAAAAAB) rounds to nearest even: 0x3EAB.
        var raw = new byte[6];
        BinaryPrimitives.WriteUInt16LittleEndian(raw.AsSpan(0), 0x3F80);
        BinaryPrimitives.WriteUInt16LittleEndian(raw.AsSpan(2), 0xC020);
        BinaryPrimitives.WriteUInt16LittleEndian(raw.AsSpan(4), 0x3EAB);
        var t = torch.frombuffer(raw, [3], ScalarType.BFloat16);
        Assert.Equal(ScalarType.BFloat16, t.dtype);
        Assert.Equal(2, t.element_size());
        Assert.Equal(raw, t.bytes());
        Assert.Equal(new[] { 1f, -2.5f, BitConverter.Int32BitsToSingle(0x3EAB0000) }, t.@float().data<float>());

        var third = torch.tensor(new[] { 1f / 3 }).to(ScalarType.BFloat16);
        Assert.Equal(new byte[] { 0xAB, 0x3E }, third.bytes());
        Assert.Equal(new ushort[] { 0x3EAB }, third.data<ushort>());
    }

    [Fact]
    public void ConversionsFollowPyTorchRules()
    {
        using var scope = torch.NewDisposeScope();
        var f = torch.tensor(new[] { 2.7f, -2.7f, 0f, 0.5f });
        Assert.Equal(new long[] { 2, -2, 0, 0 }, f.to(ScalarType.Int64).data<long>());
        Assert.Equal(new[] { true, true, false, true }, f.to(ScalarType.Bool).data<bool>());
        Assert.Equal(new[] { (Half)2.7f, (Half)(-2.7f), (Half)0f, (Half)0.5f }, f.to(ScalarType.Float16).data<Half>());
        Assert.Equal(new[] { 1.0, 0.0 }, torch.tensor(new[] { true, false }).@double().data<double>());
        Assert.Equal(2.7f, f.to(ScalarType.Float64).data<double>()[0]);
    }

    [Fact]
    public void FactoriesFillAsAsked()
    {
        using var scope = torch.NewDisposeScope();
        Assert.Equal(new float[6], torch.zeros([2, 3]).data<float>());
        Assert.Equal(Enumerable.Repeat(1.0, 4), torch.ones([4], ScalarType.Float64).data<double>());
        Assert.Equal(Enumerable.Repeat(7, 3), torch.full([3], 7, ScalarType.Int32).data<int>());
        Assert.Equal(new long[] { 2, 5, 8 }, torch.arange(2, 10, 3).data<long>());
        Assert.Equal(new[] { 0f, 0.25f, 0.5f, 0.75f, 1f }, torch.linspace(0, 1, 5).data<float>());
        Assert.Equal(new float[] { 1, 0, 0, 0, 1, 0 }, torch.eye(2, 3).data<float>());
        Assert.Equal(3.5, torch.scalar_tensor(3.5, ScalarType.Float64).item());
        Assert.Empty(torch.scalar_tensor(1).shape);
        Assert.Equal(new[] { 9.0, 9.0 }, torch.full_like(torch.zeros([2], ScalarType.Float64), 9).data<double>());
        Assert.Equal(ScalarType.Int64, torch.zeros_like(torch.arange(3)).dtype);
        Assert.Equal(new float[] { 1, 2, 3, 4 }, torch.tensor(new float[,] { { 1, 2 }, { 3, 4 } }).data<float>());
        Assert.Equal(0, torch.tensor(Array.Empty<float>()).numel());
        // requires_grad makes a leaf that records gradients, whichever factory made it.
        foreach (var t in new[] { torch.zeros([2], requires_grad: true), torch.ones([2], requires_grad: true),
                     torch.full([2], 3, requires_grad: true), torch.empty([2], requires_grad: true) })
        {
            Assert.True(t.requires_grad);
            Assert.True(t.is_leaf);
        }
        Assert.False(torch.zeros([2]).requires_grad);
    }

    [Fact]
    public void ItemConvertsToTheRequestedType()
    {
        using var scope = torch.NewDisposeScope();
        Assert.Equal(42L, torch.tensor(new long[] { 42 }).item<long>());
        Assert.Equal(1.25f, torch.tensor(new[] { 1.25 }).item<float>());
        Assert.True(torch.tensor(new[] { true }).item<bool>());
        Assert.Equal(200, torch.tensor(new byte[] { 200 }).item<byte>());
    }

    [Fact]
    public void DataOfAnotherTypeOfTheSameSizeIsRefused()
    {
        // Reinterpreting int32 bits as float32 would be silent garbage: the element type must match the dtype.
        using var scope = torch.NewDisposeScope();
        Assert.Throws<ArgumentException>(() => torch.tensor(new[] { 1, 2 }).data<float>());
        Assert.Throws<ArgumentException>(() => torch.tensor(new[] { 1.0 }).data<long>());
        Assert.Throws<ArgumentException>(() => torch.tensor(new[] { true }).data<byte>());
    }

    [Fact]
    public void FrombufferRejectsAByteCountThatDoesNotFitTheShape()
    {
        using var scope = torch.NewDisposeScope();
        var e = Assert.Throws<TorchException>(() => torch.frombuffer(new byte[7], [2], ScalarType.Float32));
        Assert.Contains("7 bytes", e.Message);
    }
}
