namespace CilBench.Torch.Tests;

/// <summary>Tensor ops on small hand-worked cases.</summary>
public class TensorOpsTests
{
    // [[0, 1, 2], [3, 4, 5]]
    private static Tensor A23() => torch.arange(6).view(2, 3);

    [Fact]
    public void ViewsShareStorageAndDataReadsInLogicalOrder()
    {
        using var scope = torch.NewDisposeScope();
        var a = A23();
        var v = a.view(3, 2);
        Assert.Equal(new long[] { 3, 2 }, v.shape);
        v.add_(10);
        Assert.Equal(new long[] { 10, 11, 12, 13, 14, 15 }, a.data<long>());

        var t = a.transpose(0, 1);
        Assert.Equal(new long[] { 3, 2 }, t.shape);
        Assert.False(t.is_contiguous());
        Assert.Equal(new long[] { 1, 3 }, t.stride());
        // data<T>() reads in logical (row-major) order whatever the strides.
        Assert.Equal(new long[] { 10, 13, 11, 14, 12, 15 }, t.data<long>());
        Assert.Equal(new long[] { 10, 13, 11, 14, 12, 15 }, t.reshape(6).data<long>());
        Assert.Equal(t.data<long>(), t.contiguous().data<long>());
        Assert.True(t.contiguous().is_contiguous());
    }

    [Fact]
    public void PermuteFlattenSqueezeUnsqueezeExpand()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.arange(24).view(2, 3, 4);
        var p = x.permute(2, 0, 1);
        Assert.Equal(new long[] { 4, 2, 3 }, p.shape);
        // p[i, j, k] = x[j, k, i] = 12 j + 4 k + i.
        var expected = new List<long>();
        for (var i = 0; i < 4; i++)
        for (var j = 0; j < 2; j++)
        for (var k = 0; k < 3; k++) expected.Add(12 * j + 4 * k + i);
        Assert.Equal(expected, p.data<long>());

        Assert.Equal(new long[] { 2, 12 }, x.flatten(1).shape);
        Assert.Equal(new long[] { 6, 4 }, x.flatten(0, 1).shape);
        Assert.Equal(new long[] { 24 }, x.flatten().shape);

        var u = x.unsqueeze(1);
        Assert.Equal(new long[] { 2, 1, 3, 4 }, u.shape);
        Assert.Equal(new long[] { 2, 3, 4, 1 }, x.unsqueeze(-1).shape);
        Assert.Equal(new long[] { 2, 3, 4 }, u.squeeze().shape);
        Assert.Equal(new long[] { 2, 3, 4 }, u.squeeze(1).shape);
        Assert.Equal(new long[] { 2, 1, 3, 4 }, u.squeeze(0).shape);

        var e = torch.tensor(new long[] { 1, 2 }).view(2, 1).expand(2, 3);
        Assert.Equal(new long[] { 1, 1, 1, 2, 2, 2 }, e.data<long>());
        Assert.Equal(new long[] { 1, 0 }, e.stride());
        Assert.Equal(new long[] { 0, 1, 2, 0, 1, 2 }, torch.arange(3).repeat(2).data<long>());
        Assert.Equal(new long[] { 2, 1, 0 }, torch.arange(3).flip(0).data<long>());
    }

    [Fact]
    public void NarrowSliceSelect()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.arange(20).view(4, 5);
        Assert.Equal(new long[] { 5, 6, 7, 8, 9, 10, 11, 12, 13, 14 }, x.narrow(0, 1, 2).data<long>());
        Assert.Equal(new long[] { 1, 3, 6, 8, 11, 13, 16, 18 }, x.slice(1, 1, 5, 2).data<long>());
        Assert.Equal(new long[] { 2, 7, 12, 17 }, x.select(1, 2).data<long>());
        Assert.Equal(new long[] { 15, 16, 17, 18, 19 }, x.select(0, -1).data<long>());
        // A narrowed view writes through to its base.
        x.narrow(1, 4, 1).fill_(-1);
        Assert.Equal(new long[] { -1, -1, -1, -1 }, x.select(1, 4).data<long>());
    }

    [Fact]
    public void IndexSelectMaskedSelectGather()
    {
        using var scope = torch.NewDisposeScope();
        var x = A23();
        Assert.Equal(new long[] { 2, 0, 2, 5, 3, 5 }, x.index_select(1, torch.tensor(new long[] { 2, 0, 2 })).data<long>());
        Assert.Equal(new long[] { 3, 4, 5 }, x.index_select(0, torch.tensor(new long[] { 1 })).data<long>());
        Assert.Equal(new long[] { 1, 3, 5 }, x.masked_select(x.remainder(torch.tensor(new long[] { 2 })).eq(1)).data<long>());
        // gather(1, idx)[i, j] = x[i, idx[i, j]].
        var idx = torch.tensor(new long[] { 2, 2, 0, 1 }, [2, 2]);
        Assert.Equal(new long[] { 2, 2, 3, 4 }, x.gather(1, idx).data<long>());
        Assert.Equal(new long[] { 0, 1, 100, 3, 4, 100 }, x.masked_fill(x.eq(2) | x.eq(5), 100).data<long>());
    }

    [Fact]
    public void AdvancedIndexingAndIndexPut()
    {
        using var scope = torch.NewDisposeScope();
        var x = A23();
        var rowMask = torch.tensor(new[] { false, true });
        Assert.Equal(new long[] { 3, 4, 5 }, x.index(rowMask).data<long>());
        Assert.Equal(new long[] { 1, 3 }, x.index(rowMask).shape);
        Assert.Equal(new long[] { 0, 3, 4, 5 }, x[x.lt(1) | x.gt(2)].data<long>());
        Assert.Equal(new long[] { 3, 4, 5, 0, 1, 2 }, x[torch.tensor(new long[] { 1, 0 })].data<long>());
        // x[[0, 1], [2, 0]] picks (0, 2) and (1, 0); x[:, [1]] keeps every row.
        Assert.Equal(new long[] { 2, 3 }, x.index(torch.tensor(new long[] { 0, 1 }), torch.tensor(new long[] { 2, 0 })).data<long>());
        Assert.Equal(new long[] { 1, 4 }, x.index(null, torch.tensor(new long[] { 1 })).data<long>());

        var y = torch.zeros([5]);
        y.index_put_([y.ge(0) & torch.tensor(new[] { true, false, true, false, false })], torch.tensor(new[] { 7f }));
        Assert.Equal(new float[] { 7, 0, 7, 0, 0 }, y.data<float>());
        // Accumulate adds once per occurrence of a repeated index.
        y.index_put_([torch.tensor(new long[] { 1, 1, 4 })], torch.tensor(new[] { 1f, 2f, 3f }), accumulate: true);
        Assert.Equal(new float[] { 7, 3, 7, 0, 3 }, y.data<float>());
        y.index_put_([torch.tensor(new long[] { 3 })], torch.tensor(new[] { -1f }));
        Assert.Equal(new float[] { 7, 3, 7, -1, 3 }, y.data<float>());
    }

    [Fact]
    public void ScatterAndIndexAdd()
    {
        using var scope = torch.NewDisposeScope();
        var z = torch.zeros([3], ScalarType.Int64);
        z.scatter_add_(0, torch.tensor(new long[] { 0, 2, 0 }), torch.tensor(new long[] { 5, 6, 7 }));
        Assert.Equal(new long[] { 12, 0, 6 }, z.data<long>());
        z.index_add_(0, torch.tensor(new long[] { 1 }), torch.tensor(new long[] { 4 }));
        Assert.Equal(new long[] { 12, 4, 6 }, z.data<long>());
        Assert.Equal(new long[] { 0, 9, 0 }, torch.zeros([3], ScalarType.Int64).scatter(0, torch.tensor(new long[] { 1 }), 9).data<long>());
        Assert.Equal(new long[] { 0, 0, 1, 0, 1, 0 }, torch.tensor(new long[] { 2, 1 }).one_hot(3).data<long>());
        Assert.Equal(new long[] { 1, 3 }, torch.tensor(new long[] { 0, 5, 0, 2 }).nonzero().view(-1).data<long>());
    }

    [Fact]
    public void CatStackSplitChunk()
    {
        using var scope = torch.NewDisposeScope();
        var a = A23();
        var b = torch.arange(6, 9).view(1, 3);
        Assert.Equal(Enumerable.Range(0, 9).Select(i => (long)i), torch.cat([a, b]).data<long>());
        Assert.Equal(new long[] { 0, 1, 2, 0, 1, 2, 3, 4, 5, 3, 4, 5 }, torch.cat([a, a], 1).data<long>());

        var s = torch.stack([a, a * 10]);
        Assert.Equal(new long[] { 2, 2, 3 }, s.shape);
        Assert.Equal(new long[] { 30, 40, 50 }, s.select(0, 1).select(0, 1).data<long>());
        var s1 = torch.stack([a, a * 10], 1);
        Assert.Equal(new long[] { 2, 2, 3 }, s1.shape);
        Assert.Equal(new long[] { 0, 10, 20 }, s1.select(0, 0).select(0, 1).data<long>());

        var x = torch.arange(7);
        var parts = x.split(3);
        Assert.Equal([3L, 3L, 1L], parts.Select(p => p.numel()));
        Assert.Equal(new long[] { 6 }, parts[2].data<long>());
        var sized = x.split([2, 5]);
        Assert.Equal(new long[] { 2, 3, 4, 5, 6 }, sized[1].data<long>());
        var chunks = torch.arange(5).chunk(2);
        Assert.Equal([3L, 2L], chunks.Select(p => p.numel()));
        Assert.Equal(new long[] { 3, 4 }, chunks[1].data<long>());
        var cols = A23().chunk(3, 1);
        Assert.Equal(new long[] { 1, 4 }, cols[1].data<long>());
        Assert.Equal(new long[] { 3, 4, 5 }, A23().unbind()[1].data<long>());
    }

    [Fact]
    public void BroadcastingArithmetic()
    {
        using var scope = torch.NewDisposeScope();
        var col = torch.tensor(new float[] { 1, 2 }).view(2, 1);
        var row = torch.tensor(new float[] { 10, 20, 30 });
        var sum = col + row;
        Assert.Equal(new long[] { 2, 3 }, sum.shape);
        Assert.Equal(new float[] { 11, 21, 31, 12, 22, 32 }, sum.data<float>());
        Assert.Equal(new float[] { -9, -19, -29, -8, -18, -28 }, (col - row).data<float>());
        Assert.Equal(new float[] { 10, 20, 30, 20, 40, 60 }, (col * row).data<float>());
        Assert.Equal(new float[] { 10, 20, 30, 5, 10, 15 }, (row / col).data<float>());
        Assert.Equal(new float[] { 0, 10, 20, -10, 0, 10 }, row.add(col, alpha: -10).data<float>());
        Assert.Equal(new float[] { 12, 22, 32 }, row.add(torch.tensor(new float[] { 1 }), alpha: 2).data<float>());
    }

    [Fact]
    public void ScalarOperandsKeepPyTorchTypePromotion()
    {
        using var scope = torch.NewDisposeScope();
        var i = torch.tensor(new long[] { 7, -7 });
        Assert.Equal(ScalarType.Int64, (i + 1).dtype);
        Assert.Equal(new long[] { 8, -6 }, (i + 1).data<long>());
        Assert.Equal(new long[] { 14, -14 }, (i * 2).data<long>());
        Assert.Equal(new long[] { 5, -9 }, (i - 2).data<long>());
        // True division and float scalars promote an integer tensor to the default float dtype.
        Assert.Equal(new[] { 3.5f, -3.5f }, (i / 2).data<float>());
        Assert.Equal(new[] { 7.5f, -6.5f }, (i + 0.5).data<float>());
        Assert.Equal(new long[] { 3, -4 }, i.floor_divide(torch.tensor(new long[] { 2 })).data<long>());
        // 7 // 2.5 = 2 and -7 // 2.5 = -3, as float: the scalar must not be truncated to the tensor's dtype.
        Assert.Equal(new[] { 2f, -3f }, i.floor_divide(2.5).data<float>());
        // remainder takes the divisor's sign, as Python's %.
        Assert.Equal(new long[] { 1, 2 }, i.remainder(torch.tensor(new long[] { 3 })).data<long>());
        Assert.Equal(new long[] { 3, -4 }, i.floor_divide(2).data<long>());
        Assert.Equal(new long[] { 9, -5 }, (2 + i).data<long>());
        Assert.Equal(new long[] { -21, 21 }, (-3 * i).data<long>());
        Assert.Equal(new long[] { -6, 8 }, (1 - i).data<long>());
        Assert.Equal(new[] { -6.5f, 7.5f }, (0.5 - i).data<float>());

        // In place, an integer scalar keeps an int64 tensor integral (a counter's add_(1)); a fraction cannot fit.
        var counter = torch.zeros([], ScalarType.Int64);
        counter.add_(1).add_(4).sub_(2).mul_(3);
        Assert.Equal(9L, counter.item<long>());
        Assert.Equal(ScalarType.Int64, counter.dtype);
        Assert.Throws<TorchException>(() => counter.add_(0.5));

        var f = torch.tensor(new[] { 1f, 2f, 4f });
        Assert.Equal(new[] { 4f, 3f, 1f }, (5 - f).data<float>());
        Assert.Equal(new[] { 4f, 2f, 1f }, (4 / f).data<float>());
        Assert.Equal(new[] { -1f, -2f, -4f }, (-f).data<float>());
        Assert.Equal(new[] { 3f, 4f, 6f }, (2 + f).data<float>());
    }

    [Fact]
    public void InPlaceOpsModifyTheTensorAndReturnIt()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(new[] { 1.0, 2.0, 3.0 });
        Assert.Same(x, x.add_(1));
        Assert.Same(x, x.mul_(torch.tensor(new[] { 2.0, 1.0, 0.5 })));
        Assert.Equal(new[] { 4.0, 3.0, 2.0 }, x.data<double>());
        x.sub_(torch.tensor(new[] { 1.0 }), alpha: 2).div_(2).pow_(2);
        Assert.Equal(new[] { 1.0, 0.25, 0.0 }, x.data<double>());
        x.addcmul_(torch.tensor(new[] { 1.0, 2, 3 }), torch.tensor(new[] { 4.0, 5, 6 }), 0.5);
        Assert.Equal(new[] { 3.0, 5.25, 9.0 }, x.data<double>());
        x.clamp_(max: 5).neg_().exp_().log_();
        Check.Close([-3, -5, -5], x, 1e-15);
        x.lerp_(torch.tensor(new[] { 1.0, 1, 1 }), 0.5);
        Check.Close([-1, -2, -2], x, 1e-15);
        x.zero_();
        Assert.Equal(new double[3], x.data<double>());
        // In-place ops cannot change the dtype: adding a float to an integer tensor in place is an error.
        Assert.Throws<TorchException>(() => torch.tensor(new long[] { 1 }).add_(torch.tensor(new[] { 0.5f })));
    }

    [Fact]
    public void ComparisonsWhereAndClamp()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.tensor(new[] { 1f, 2f, 3f });
        var b = torch.tensor(new[] { 3f, 2f, 1f });
        Assert.Equal(new[] { true, false, false }, (a < b).data<bool>());
        Assert.Equal(new[] { true, true, false }, (a <= b).data<bool>());
        Assert.Equal(new[] { false, false, true }, (a > b).data<bool>());
        Assert.Equal(new[] { false, true, true }, (a >= b).data<bool>());
        Assert.Equal(new[] { false, true, false }, a.eq(b).data<bool>());
        Assert.Equal(new[] { true, false, true }, a.ne(b).data<bool>());
        Assert.Equal(new[] { false, true, true }, a.gt(1.5).data<bool>());
        Assert.Equal(new[] { true, false, true }, (!a.eq(2)).data<bool>());
        Assert.Equal(ScalarType.Bool, a.lt(b).dtype);

        Assert.Equal(new[] { 1f, 2f, 1f }, torch.where(a < b | a.eq(b), a, b).data<float>());
        Assert.Equal(new[] { 1f, -1f, -1f }, torch.where(a < 2, a, -1).data<float>());

        var x = torch.tensor(new[] { -2f, 0.5f, 3f });
        Assert.Equal(new[] { -1f, 0.5f, 1f }, x.clamp(-1, 1).data<float>());
        Assert.Equal(new[] { 0f, 0.5f, 3f }, x.clamp(min: 0).data<float>());
        Assert.Equal(new[] { -2f, 0.5f, 2f }, x.clamp(max: 2).data<float>());
        Assert.Equal(new[] { 1f, 1f, 2f }, x.maximum(torch.tensor(new[] { 1f })).minimum(torch.tensor(new[] { 2f })).data<float>());
        Assert.True(x.allclose(x + 1e-9));
        Assert.False(x.equal(x.clamp(max: 2)));
        Assert.Equal(new[] { false, true }, torch.tensor(new[] { float.NaN, 1f }).isfinite().data<bool>());
    }

    [Fact]
    public void UnaryMath()
    {
        using var scope = torch.NewDisposeScope();
        double[] v = [0.25, 1, 2.5, 9];
        var x = torch.tensor(v);
        Check.Close(v.Select(Math.Exp).ToArray(), x.exp(), 1e-15);
        Check.Close(v.Select(a => Math.Log(a)).ToArray(), x.log(), 1e-15);
        Check.Close(v.Select(Math.Sqrt).ToArray(), x.sqrt(), 1e-15);
        Check.Close(v.Select(a => Math.Pow(a, 1.5)).ToArray(), x.pow(1.5), 1e-15);
        Check.Close(v.Select(a => Math.Pow(a, a)).ToArray(), x.pow(x), 1e-14);
        Check.Close(v.Select(a => 1 / Math.Sqrt(a)).ToArray(), x.rsqrt(), 1e-15);
        Check.Close(v.Select(Math.Sin).ToArray(), x.sin(), 1e-15);
        Check.Close(v.Select(Math.Tanh).ToArray(), x.tanh(), 1e-15);
        Check.Close(v.Select(a => 1 / (1 + Math.Exp(-a))).ToArray(), x.sigmoid(), 1e-15);
        Check.Close(v.Select(a => Math.Log(1 + a)).ToArray(), x.log1p(), 1e-15);
        Check.Close([2, 0, 1, 3], torch.tensor(new[] { -2.0, 0, 1, -3 }).abs());
        Check.Close([-1, 0, 1, -1], torch.tensor(new[] { -2.0, 0, 1, -3 }).sign());
        Check.Close([0, 0, 1, 0], torch.tensor(new[] { -2.0, 0, 1, -3 }).relu());
        var halves = torch.tensor(new[] { -2.5, 1.5, -1.5, 2.5 });
        Check.Close([-3, 1, -2, 2], halves.floor());
        Check.Close([-2, 2, -1, 3], halves.ceil());
        Check.Close([-2, 1, -1, 2], halves.trunc());
        Check.Close([-2, 2, -2, 2], halves.round()); // half to even
    }
}
