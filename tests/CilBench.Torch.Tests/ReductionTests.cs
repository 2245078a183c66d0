namespace CilBench.Torch.Tests;

/// <summary>Reductions, sorting and selection on hand-worked cases.</summary>
public class ReductionTests
{
    // [[3, -1, 4], [1, 5, -9]]
    private static Tensor X() => torch.tensor(new double[] { 3, -1, 4, 1, 5, -9 }, [2, 3]);

    [Fact]
    public void SumAndMeanOverAllOrSomeDims()
    {
        using var scope = torch.NewDisposeScope();
        var x = X();
        Assert.Equal(3.0, x.sum().item());
        Assert.Equal(new[] { 4.0, 4, -5 }, x.sum(0).data<double>());
        Assert.Equal(new[] { 6.0, -3 }, x.sum(1).data<double>());
        Assert.Equal(new long[] { 2, 1 }, x.sum(1, keepdim: true).shape);
        Assert.Equal(new[] { 6.0, -3 }, x.sum(-1).data<double>());
        Assert.Equal(3.0, x.sum([0, 1]).item());
        Assert.Equal(0.5, x.mean().item());
        Assert.Equal(new[] { 2.0, -1 }, x.mean(1).data<double>());
        Assert.Equal(new long[] { 1, 3 }, x.mean(0, keepdim: true).shape);
        // Integer sums stay integral (int64), as PyTorch.
        Assert.Equal(ScalarType.Int64, torch.tensor(new[] { 1, 2 }).sum().dtype);
        Check.Close(x.data<double>().Select(v => (v - 0.5) * (v - 0.5)).Sum() / 5, x.var().item(), 1e-12);
        Check.Close(Math.Sqrt(x.data<double>().Select(v => (v - 0.5) * (v - 0.5)).Sum() / 6), x.std(unbiased: false).item(), 1e-12);
        Assert.Equal(540.0, x.prod().item());
        Assert.Equal(new[] { 3.0, 2, 6, 7, 12, 3 }, x.view(-1).cumsum(0).data<double>());
        Check.Close(Math.Log(Math.Exp(3) + Math.Exp(-1) + Math.Exp(4)), x.logsumexp(1).data<double>()[0], 1e-12);
    }

    [Fact]
    public void MaxMinArgmaxArgmin()
    {
        using var scope = torch.NewDisposeScope();
        var x = X();
        Assert.Equal(5.0, x.max().item());
        Assert.Equal(-9.0, x.min().item());
        var (values, indices) = x.max(1);
        Assert.Equal(new[] { 4.0, 5 }, values.data<double>());
        Assert.Equal(new long[] { 2, 1 }, indices.data<long>());
        (values, indices) = x.min(0, keepdim: true);
        Assert.Equal(new long[] { 1, 3 }, values.shape);
        Assert.Equal(new[] { 1.0, -1, -9 }, values.data<double>());
        Assert.Equal(new long[] { 1, 0, 1 }, indices.data<long>());
        Assert.Equal(4L, x.argmax().item<long>()); // flattened index of 5
        Assert.Equal(5L, x.argmin().item<long>());
        Assert.Equal(new long[] { 0, 1, 0 }, x.argmax(0).data<long>());
        Assert.Equal(new long[] { 1, 2 }, x.argmin(1).data<long>());
        Assert.Equal(new long[] { 2, 1 }, x.argmin(1, keepdim: true).shape);
        Assert.True(x.gt(-10).all().item<bool>());
        Assert.False(x.gt(5).any().item<bool>());
    }

    [Fact]
    public void Norms()
    {
        using var scope = torch.NewDisposeScope();
        var x = X();
        Check.Close(Math.Sqrt(9 + 1 + 16 + 1 + 25 + 81), x.norm().item(), 1e-12);
        // norm(double p) is over all elements; an integer argument picks the norm(long dim) overload.
        Assert.Equal(23.0, x.norm(1.0).item());
        Assert.Equal(9.0, x.norm(double.PositiveInfinity).item());
        Check.Close([Math.Sqrt(26), Math.Sqrt(107)], x.norm(2, 1), 1e-12);
        Check.Close([4, 6, 13], x.norm(1, 0), 1e-12);
        Assert.Equal(new long[] { 2, 1 }, x.norm(2, 1, keepdim: true).shape);
        Check.Close(Math.Sqrt(133), torch.linalg.norm(x).item(), 1e-12);
    }

    [Fact]
    public void TopkSortArgsort()
    {
        using var scope = torch.NewDisposeScope();
        var v = torch.tensor(new[] { 2.0, 7, 1, 8, 2, 8 });
        var (top, idx) = v.topk(3);
        Assert.Equal(new[] { 8.0, 8, 7 }, top.data<double>());
        Assert.Equal(new long[] { 3, 5 }, idx.data<long>().Take(2).Order());
        Assert.Equal(1L, idx.data<long>()[2]);
        (top, idx) = v.topk(2, largest: false);
        Assert.Equal(new[] { 1.0, 2 }, top.data<double>());
        Assert.Equal(new long[] { 2 }, idx.data<long>().Take(1));

        // Stable sorting keeps equal values in input order.
        var (sorted, order) = v.sort(stable: true);
        Assert.Equal(new[] { 1.0, 2, 2, 7, 8, 8 }, sorted.data<double>());
        Assert.Equal(new long[] { 2, 0, 4, 1, 3, 5 }, order.data<long>());
        (sorted, order) = v.sort(descending: true, stable: true);
        Assert.Equal(new[] { 8.0, 8, 7, 2, 2, 1 }, sorted.data<double>());
        Assert.Equal(new long[] { 3, 5, 1, 0, 4, 2 }, order.data<long>());
        Assert.Equal(new long[] { 2, 0, 4, 1, 3, 5 }, v.argsort(stable: true).data<long>());

        var m = X();
        Assert.Equal(new long[] { 1, 0, 2, 2, 0, 1 }, m.argsort(1).data<long>());
        Assert.Equal(new long[] { 1, 0, 1, 0, 1, 0 }, m.argsort(0).data<long>());
        Assert.Equal(new[] { 4.0, 5 }, m.topk(1, dim: 1).values.view(-1).data<double>());
    }

    [Fact]
    public void UniqueGivesSortedValuesInverseAndCounts()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(new long[] { 3, 1, 3, 2, 1, 3 });
        var (values, inverse, counts) = x.unique();
        Assert.Equal(new long[] { 1, 2, 3 }, values.data<long>());
        Assert.Equal(new long[] { 2, 0, 2, 1, 0, 2 }, inverse.data<long>());
        Assert.Equal(new long[] { 2, 1, 3 }, counts.data<long>());
        Assert.Equal(new long[] { 0, 2, 1, 3 }, x.bincount().data<long>());
        Assert.Equal(new long[] { 0, 2, 1, 3, 0 }, x.bincount(minlength: 5).data<long>());
    }
}
