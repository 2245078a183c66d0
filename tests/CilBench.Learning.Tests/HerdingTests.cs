using CilBench.Learning.Exemplars;
using CilBench.Torch;

namespace CilBench.Learning.Tests;

public class HerdingTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void RankMatchesABruteForceSearchAtEveryStep(int seed)
    {
        var points = RandomPoints(new Random(seed), 7, 3);
        using var scope = torch.NewDisposeScope();
        var ranked = Herding.Rank(torch.tensor(points.SelectMany(p => p).ToArray(), [7, 3]), 7);
        Assert.Equal(BruteForce(points), ranked);
    }

    [Fact]
    public void RankNeverRepeatsASampleAndStopsAtTheCandidates()
    {
        using var scope = torch.NewDisposeScope();
        var ranked = Herding.Rank(torch.randn([5, 4]), 9);
        Assert.Equal([0L, 1, 2, 3, 4], ranked.Order());
    }

    /// <summary>At step k, tries every remaining candidate: the one whose addition brings the mean of the chosen
    /// L2-normalised vectors closest to the class mean (iCaRL Alg. 4).</summary>
    private static long[] BruteForce(double[][] points)
    {
        var vectors = points.Select(p => Scale(p, 1 / (Math.Sqrt(p.Sum(x => x * x)) + 1e-8))).ToArray();
        var mean = Enumerable.Range(0, 3).Select(d => vectors.Average(v => v[d])).ToArray();
        var sum = new double[3];
        var chosen = new List<long>();
        for (var k = 1; k <= vectors.Length; k++)
        {
            var remaining = Enumerable.Range(0, vectors.Length).Where(i => !chosen.Contains(i)).ToList();
            var distances = remaining.ToDictionary(i => i, i => Distance(Scale(Add(sum, vectors[i]), 1.0 / k), mean));
            var best = remaining.MinBy(i => distances[i]);
            // The data must not hinge on a near tie, or the comparison would test rounding.
            Assert.All(remaining.Where(i => i != best), i => Assert.True(distances[i] - distances[best] > 1e-9));
            chosen.Add(best);
            sum = Add(sum, vectors[best]);
        }
        return [.. chosen];
    }

    private static double[][] RandomPoints(Random random, int count, int dims) =>
        Enumerable.Range(0, count).Select(_ => Enumerable.Range(0, dims).Select(_ => random.NextDouble() * 2 - 1).ToArray()).ToArray();

    private static double[] Scale(double[] v, double s) => v.Select(x => x * s).ToArray();

    private static double[] Add(double[] a, double[] b) => a.Zip(b, (x, y) => x + y).ToArray();

    private static double Distance(double[] a, double[] b) => Math.Sqrt(a.Zip(b, (x, y) => (x - y) * (x - y)).Sum());
}
