using CilBench.Learning.Classifiers;
using CilBench.Torch;

namespace CilBench.Learning.Tests;

public class NearestMeanClassifierTests
{
    [Fact]
    public void ScoresAreMinusSquaredDistancesToTheNormalisedMeansOfNormalisedExemplars()
    {
        var random = new Random(5);
        double[][] Rows(int n) => Enumerable.Range(0, n).Select(_ => Enumerable.Range(0, 4).Select(_ => random.NextDouble() * 2 - 1).ToArray()).ToArray();
        var samples = Rows(6);
        var classes = Enumerable.Range(0, 3).Select(_ => Rows(5)).ToArray();

        using var scope = torch.NewDisposeScope();
        var means = torch.stack(classes.Select(c => NearestMeanClassifier.ClassMean(Tensor(c))).ToList());
        var scores = NearestMeanClassifier.Scores(Tensor(samples), means).data<double>();

        var direct = classes.Select(c =>
        {
            var normalised = c.Select(Normalize).ToArray();
            var mean = Enumerable.Range(0, 4).Select(d => normalised.Average(v => v[d])).ToArray();
            var norm = Math.Sqrt(mean.Sum(x => x * x));
            return mean.Select(x => x / norm).ToArray();
        }).ToArray();
        for (var i = 0; i < samples.Length; i++)
        for (var c = 0; c < direct.Length; c++)
        {
            var v = Normalize(samples[i]);
            var expected = -v.Zip(direct[c], (x, m) => (x - m) * (x - m)).Sum();
            Assert.Equal(expected, scores[i * direct.Length + c], 9);
        }
    }

    // PyCIL's EPSILON in the denominator, as FeatureExtraction.Normalize.
    private static double[] Normalize(double[] v)
    {
        var norm = Math.Sqrt(v.Sum(x => x * x)) + 1e-8;
        return v.Select(x => x / norm).ToArray();
    }

    private static Tensor Tensor(double[][] rows) => torch.tensor(rows.SelectMany(r => r).ToArray(), [rows.Length, rows[0].Length]);
}
