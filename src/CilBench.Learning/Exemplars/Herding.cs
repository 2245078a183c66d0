using CilBench.Abstractions;
using CilBench.Torch;

namespace CilBench.Learning.Exemplars;

/// <summary>
/// Herding selection (Welling 2009; iCaRL Alg. 4; PyCIL's _construct_exemplar): greedily pick the sample that
/// brings the mean of the selected L2-normalised features closest to the class mean. No sample is picked twice.
/// </summary>
public static class Herding
{
    /// <summary>
    /// Ranks up to <paramref name="count"/> rows of <paramref name="features"/> (N x d, not yet normalised), in
    /// inference mode, on the features' device: the picks stay there and are read back once, at the end.
    /// </summary>
    public static long[] Rank(Tensor features, int count)
    {
        using var _ = torch.inference_mode();
        using var scope = torch.NewDisposeScope();
        var vectors = FeatureExtraction.Normalize(features);
        var n = (int)vectors.size(0);
        count = Math.Min(count, n);
        var mean = vectors.mean(0);
        var sum = torch.zeros_like(mean);
        var taken = torch.zeros([n], ScalarType.Bool, vectors.device);
        var ranked = torch.empty([count], ScalarType.Int64, vectors.device);
        var yes = torch.ones([1], ScalarType.Bool, vectors.device);
        for (var k = 1; k <= count; k++)
        {
            using var step = torch.NewDisposeScope();
            // mu_p = (vectors + S) / k for every candidate; pick the one closest to the class mean.
            var distance = ((vectors + sum) / k - mean).norm(2, 1);
            var i = distance.masked_fill(taken, double.PositiveInfinity).argmin().view(1);
            ranked.narrow(0, k - 1, 1).copy_(i);
            sum.add_(vectors.index_select(0, i).squeeze(0));
            taken.index_put_([i], yes);
        }
        return ranked.data<long>();
    }

    /// <summary>
    /// Herding order for every requested class, on features of its candidates extracted without augmentation
    /// (PyCIL's _construct_exemplar). Callers put their network in eval mode first.
    /// </summary>
    public static ExemplarRanking RankClasses(ExemplarRequest request, Func<Tensor, Tensor> features, int batchSize) =>
        new(request.Classes.ToDictionary(c => c.ClassIndex, c =>
        {
            using var scope = torch.NewDisposeScope();
            return Rank(FeatureExtraction.Extract(features, c.Candidates, batchSize), c.Wanted);
        }));
}
