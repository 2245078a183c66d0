namespace CilBench.Torch.Tests;

/// <summary>Matrix products against direct loops, and linear algebra on matrices with known spectra.</summary>
public class LinalgTests
{
    private static (Tensor tensor, double[] values) Randn(ulong seed, params long[] shape)
    {
        using var g = new Generator(seed);
        var t = torch.randn(shape, g, ScalarType.Float64);
        return (t, t.data<double>());
    }

    private static double[] MatMul(double[] a, double[] b, int n, int k, int m, int aOffset = 0, int bOffset = 0)
    {
        var c = new double[n * m];
        for (var i = 0; i < n; i++)
        for (var j = 0; j < m; j++)
        for (var l = 0; l < k; l++)
            c[i * m + j] += a[aOffset + i * k + l] * b[bOffset + l * m + j];
        return c;
    }

    [Fact]
    public void MmOnAHandWorkedCase()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.tensor(new float[,] { { 1, 2 }, { 3, 4 } });
        var b = torch.tensor(new float[,] { { 5, 6 }, { 7, 8 } });
        Assert.Equal(new float[] { 19, 22, 43, 50 }, a.mm(b).data<float>());
        Assert.Equal(new float[] { 23, 34, 31, 46 }, b.mm(a).data<float>());
        Assert.Equal(new float[] { 5, 11 }, a.matmul(torch.tensor(new float[] { 1, 2 })).data<float>());
        Assert.Equal(11f, torch.tensor(new float[] { 1, 2 }).dot(torch.tensor(new float[] { 3, 4 })).item<float>());
        Assert.Equal(new float[] { 3, 4, 6, 8 }, torch.tensor(new float[] { 1, 2 }).outer(torch.tensor(new float[] { 3, 4 })).data<float>());
    }

    [Fact]
    public void MatmulBmmMatchLoops()
    {
        using var scope = torch.NewDisposeScope();
        var (at, a) = Randn(1, 3, 4, 5);
        var (bt, b) = Randn(2, 3, 5, 2);
        var expected = Enumerable.Range(0, 3).SelectMany(i => MatMul(a, b, 4, 5, 2, i * 20, i * 10)).ToArray();
        Check.Close(expected, torch.bmm(at, bt), 1e-12);
        Check.Close(expected, at.matmul(bt), 1e-12);

        // A 2-d right operand broadcasts over the batch.
        var (ct, c) = Randn(3, 5, 2);
        Check.Close(Enumerable.Range(0, 3).SelectMany(i => MatMul(a, c, 4, 5, 2, i * 20)).ToArray(), torch.matmul(at, ct), 1e-12);
        Check.Close(MatMul(a, c, 4, 5, 2), torch.mm(at.select(0, 0), ct), 1e-12);
    }

    [Fact]
    public void SvdvalsOfAKnownMatrix()
    {
        // A^T A = [[25, 20], [20, 25]] has eigenvalues 45 and 5.
        using var scope = torch.NewDisposeScope();
        Check.Close([Math.Sqrt(45), Math.Sqrt(5)], torch.linalg.svdvals(torch.tensor(new double[,] { { 3, 0 }, { 4, 5 } })), 1e-12);
        // An orthogonal matrix times diag(2, 3, 0.5) has those singular values, sorted descending.
        var q = torch.tensor(new double[,] { { 0, 1, 0 }, { 0, 0, 1 }, { 1, 0, 0 } });
        var d = torch.tensor(new double[,] { { 2, 0, 0 }, { 0, 3, 0 }, { 0, 0, 0.5 } });
        Check.Close([3, 2, 0.5], torch.linalg.svdvals(q.mm(d)), 1e-12);
    }

    [Fact]
    public void EigvalshOfAKnownSymmetricMatrix()
    {
        using var scope = torch.NewDisposeScope();
        Check.Close([1, 3], torch.linalg.eigvalsh(torch.tensor(new double[,] { { 2, 1 }, { 1, 2 } })), 1e-12);
        // [[4, 1, 0], [1, 4, 1], [0, 1, 4]]: 4 - sqrt 2, 4, 4 + sqrt 2, ascending.
        var t = torch.tensor(new double[,] { { 4, 1, 0 }, { 1, 4, 1 }, { 0, 1, 4 } });
        Check.Close([4 - Math.Sqrt(2), 4, 4 + Math.Sqrt(2)], torch.linalg.eigvalsh(t), 1e-12);
    }

    [Fact]
    public void CdistMatchesBruteForce()
    {
        using var scope = torch.NewDisposeScope();
        var (xt, x) = Randn(4, 5, 3);
        var (yt, y) = Randn(5, 4, 3);
        foreach (var p in new[] { 1.0, 2.0 })
        {
            var expected = new double[5 * 4];
            for (var i = 0; i < 5; i++)
            for (var j = 0; j < 4; j++)
            {
                double s = 0;
                for (var k = 0; k < 3; k++) s += Math.Pow(Math.Abs(x[i * 3 + k] - y[j * 3 + k]), p);
                expected[i * 4 + j] = Math.Pow(s, 1 / p);
            }
            Check.Close(expected, torch.cdist(xt, yt, p), 1e-10);
        }
    }
}
