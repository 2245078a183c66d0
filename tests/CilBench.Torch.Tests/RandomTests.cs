namespace CilBench.Torch.Tests;

/// <summary>Seeds make draws reproducible, generators are independent streams, and distributions look right.</summary>
public class RandomTests
{
    [Fact]
    public void ManualSeedReproducesTheDefaultStream()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(1234);
        var a = torch.rand([100]);
        var b = torch.randn([10]);
        torch.manual_seed(1234);
        Assert.True(a.equal(torch.rand([100])));
        Assert.True(b.equal(torch.randn([10])));
        torch.manual_seed(1235);
        Assert.False(a.equal(torch.rand([100])));
    }

    [Fact]
    public void GeneratorsAreIndependentReproducibleStreams()
    {
        using var scope = torch.NewDisposeScope();
        using var g1 = new Generator(7);
        using var g2 = new Generator(7);
        using var other = new Generator(8);
        var first = torch.rand([50], g1);
        // Draws from the default generator and from another generator between two draws do not disturb g1's stream.
        torch.rand([1000]);
        torch.randn([1000], other);
        var second = torch.rand([50], g1);

        Assert.True(first.equal(torch.rand([50], g2)));
        Assert.True(second.equal(torch.rand([50], g2)));
        Assert.False(first.equal(second));
        Assert.False(first.equal(torch.rand([50], other)));

        g1.manual_seed(7);
        Assert.True(first.equal(torch.rand([50], g1)));
        Assert.True(torch.randperm(20, g1.manual_seed(3)).equal(torch.randperm(20, g2.manual_seed(3))));
        Assert.True(torch.randint(0, 9, [20], g1.manual_seed(4)).equal(torch.randint(0, 9, [20], g2.manual_seed(4))));
    }

    [Fact]
    public void RandpermIsAPermutation()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(11);
        var p = torch.randperm(1000, g);
        Assert.Equal(ScalarType.Int64, p.dtype);
        Assert.Equal(Enumerable.Range(0, 1000).Select(i => (long)i), p.data<long>().Order());
        Assert.NotEqual(Enumerable.Range(0, 1000).Select(i => (long)i), p.data<long>());
    }

    [Fact]
    public void RandIsUniformOnTheHalfOpenUnitInterval()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(12);
        var x = torch.rand([20000], g).data<float>();
        Assert.All(x, v => Assert.InRange(v, 0f, 0.99999994f));
        Assert.InRange(x.Average(), 0.49, 0.51);
        // Each tenth of the interval gets about a tenth of the draws.
        Assert.All(x.GroupBy(v => (int)(v * 10)), bin => Assert.InRange(bin.Count(), 1800, 2200));
        var u = torch.empty([20000], ScalarType.Float64).uniform_(-2, 3, g).data<double>();
        Assert.All(u, v => Assert.InRange(v, -2, 3));
        Assert.InRange(u.Average(), 0.45, 0.55);
    }

    [Fact]
    public void RandintStaysInItsRangeAndCoversIt()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(13);
        var x = torch.randint(-3, 4, [5000], g).data<long>();
        Assert.All(x, v => Assert.InRange(v, -3, 3));
        Assert.Equal(Enumerable.Range(-3, 7).Select(i => (long)i), x.Distinct().Order());
        Assert.Equal(ScalarType.Int32, torch.randint(0, 2, [3], g, ScalarType.Int32).dtype);
    }

    [Fact]
    public void BernoulliAndNormalMoments()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(14);
        const int n = 20000;
        var b = torch.bernoulli(torch.full([n], 0.3), g).data<float>();
        Assert.All(b, v => Assert.True(v is 0 or 1));
        Assert.InRange(b.Average(), 0.28, 0.32);
        Assert.InRange(torch.empty([n]).bernoulli_(0.8, g).mean().item(), 0.78, 0.82);

        var x = torch.empty([n], ScalarType.Float64).normal_(2, 3, g).data<double>();
        var mean = x.Average();
        var std = Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / (n - 1));
        Assert.InRange(mean, 1.9, 2.1);
        Assert.InRange(std, 2.9, 3.1);
        var z = torch.randn([n], g, ScalarType.Float64).data<double>();
        Assert.InRange(z.Average(), -0.05, 0.05);
        Assert.InRange(z.Count(v => Math.Abs(v) < 1) / (double)n, 0.67, 0.70); // P(|Z| < 1) = 0.6827
    }
}
