namespace CilBench.Torch.Tests;

using F = torch.nn.functional;

/// <summary>Forward values of torch.nn.functional against direct loops over plain arrays.</summary>
public class FunctionalTests
{
    private static (Tensor tensor, double[] values) Randn(ulong seed, params long[] shape)
    {
        using var g = new Generator(seed);
        var t = torch.randn(shape, g, ScalarType.Float64);
        return (t, t.data<double>());
    }

    [Fact]
    public void Conv2dMatchesDirectLoops()
    {
        using var scope = torch.NewDisposeScope();
        const int n = 2, c = 4, h = 7, w = 6, o = 6, groups = 2, k = 3;
        int[] stride = [2, 1], pad = [1, 2], dil = [1, 2];
        var (xt, x) = Randn(1, n, c, h, w);
        var (wt, wv) = Randn(2, o, c / groups, k, k);
        var (bt, b) = Randn(3, o);

        var y = F.conv2d(xt, wt, bt, [stride[0], stride[1]], [pad[0], pad[1]], [dil[0], dil[1]], groups);

        int oh = (h + 2 * pad[0] - dil[0] * (k - 1) - 1) / stride[0] + 1, ow = (w + 2 * pad[1] - dil[1] * (k - 1) - 1) / stride[1] + 1;
        Assert.Equal(new long[] { n, o, oh, ow }, y.shape);
        int cg = c / groups, og = o / groups;
        var expected = new double[n * o * oh * ow];
        for (var ni = 0; ni < n; ni++)
        for (var oi = 0; oi < o; oi++)
        for (var yi = 0; yi < oh; yi++)
        for (var xi = 0; xi < ow; xi++)
        {
            var sum = b[oi];
            for (var ci = 0; ci < cg; ci++)
            for (var ky = 0; ky < k; ky++)
            for (var kx = 0; kx < k; kx++)
            {
                int iy = yi * stride[0] - pad[0] + ky * dil[0], ix = xi * stride[1] - pad[1] + kx * dil[1];
                if (iy < 0 || iy >= h || ix < 0 || ix >= w) continue;
                var inChannel = oi / og * cg + ci;
                sum += x[((ni * c + inChannel) * h + iy) * w + ix] * wv[((oi * cg + ci) * k + ky) * k + kx];
            }
            expected[((ni * o + oi) * oh + yi) * ow + xi] = sum;
        }
        Check.Close(expected, y, 1e-12);
    }

    [Fact]
    public void LinearIsXTimesWTransposedPlusB()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(new double[,] { { 1, 2 }, { 3, 4 } });
        var w = torch.tensor(new double[,] { { 1, 0 }, { 0, 1 }, { 1, -1 } });
        var b = torch.tensor(new double[] { 10, 20, 30 });
        Check.Close([11, 22, 29, 13, 24, 29], F.linear(x, w, b));
    }

    [Fact]
    public void PoolingOnAHandWorkedGrid()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.arange(9, ScalarType.Float64).view(1, 1, 3, 3);
        // Windows of a 2x2 kernel, stride 2, padding 1 over [[0,1,2],[3,4,5],[6,7,8]]: {0}, {1,2}, {3,6}, {4,5,7,8}.
        Check.Close([0, 3.0 / 4, 9.0 / 4, 24.0 / 4], F.avg_pool2d(x, 2, 2, 1, count_include_pad: true));
        Check.Close([0, 3.0 / 2, 9.0 / 2, 24.0 / 4], F.avg_pool2d(x, 2, 2, 1, count_include_pad: false));
        Check.Close([0, 2, 6, 8], F.max_pool2d(x, 2, 2, 1));
        Check.Close([4, 5, 7, 8], F.max_pool2d(x, 2, 1));
    }

    [Fact]
    public void AdaptiveAvgPoolUsesPyTorchBins()
    {
        using var scope = torch.NewDisposeScope();
        const int size = 5, outSize = 3;
        var (xt, x) = Randn(4, 1, 1, size, size);
        // Bin i spans [floor(i * in / out), ceil((i + 1) * in / out)).
        static (int, int) Bin(int i) => (i * size / outSize, ((i + 1) * size + outSize - 1) / outSize);
        var expected = new List<double>();
        for (var i = 0; i < outSize; i++)
        for (var j = 0; j < outSize; j++)
        {
            var ((r0, r1), (c0, c1)) = (Bin(i), Bin(j));
            double sum = 0;
            for (var r = r0; r < r1; r++)
            for (var c = c0; c < c1; c++) sum += x[r * size + c];
            expected.Add(sum / ((r1 - r0) * (c1 - c0)));
        }
        Check.Close(expected, F.adaptive_avg_pool2d(xt, outSize), 1e-12);
    }

    [Fact]
    public void LogSoftmaxAndSoftmax()
    {
        using var scope = torch.NewDisposeScope();
        double[] row = [1, 2, 3];
        var lse = Math.Log(row.Sum(Math.Exp));
        var x = torch.tensor(row).view(1, 3);
        Check.Close(row.Select(v => v - lse).ToArray(), F.log_softmax(x, 1), 1e-12);
        Check.Close(row.Select(v => Math.Exp(v - lse)).ToArray(), F.softmax(x, 1), 1e-12);
    }

    [Fact]
    public void CrossEntropyWithWeightsAndLabelSmoothingMatchesPyTorchDefinition()
    {
        using var scope = torch.NewDisposeScope();
        const int n = 4, classes = 3;
        const double eps = 0.2;
        var (xt, x) = Randn(5, n, classes);
        long[] y = [0, 2, 1, 2];
        double[] w = [0.5, 2.0, 1.5];

        // PyTorch: (1 - eps) * weighted NLL + eps / C * sum_i sum_c w_c * -logp_ic, both normalised by sum_i w[y_i].
        double nll = 0, smooth = 0, norm = 0;
        for (var i = 0; i < n; i++)
        {
            var logits = x.Skip(i * classes).Take(classes).ToArray();
            var lse = Math.Log(logits.Sum(Math.Exp));
            nll += w[y[i]] * -(logits[y[i]] - lse);
            for (var c = 0; c < classes; c++) smooth += w[c] * -(logits[c] - lse);
            norm += w[y[i]];
        }
        var expected = (1 - eps) * nll / norm + eps / classes * smooth / norm;

        var loss = F.cross_entropy(xt, torch.tensor(y), torch.tensor(w), label_smoothing: eps);
        Check.Close(expected, loss.item(), 1e-12);

        double plain = 0;
        for (var i = 0; i < n; i++)
        {
            var logits = x.Skip(i * classes).Take(classes).ToArray();
            plain += Math.Log(logits.Sum(Math.Exp)) - logits[y[i]];
        }
        Check.Close(plain / n, F.cross_entropy(xt, torch.tensor(y)).item(), 1e-12);
        Check.Close(plain, F.cross_entropy(xt, torch.tensor(y), reduction: torch.nn.Reduction.Sum).item(), 1e-12);
    }

    [Fact]
    public void KlDivBatchMeanIsSumOverBatchSize()
    {
        using var scope = torch.NewDisposeScope();
        double[] p = [0.25, 0.75, 0.5, 0.5], q = [0.5, 0.5, 0.9, 0.1];
        var expected = Enumerable.Range(0, 4).Sum(i => p[i] * (Math.Log(p[i]) - Math.Log(q[i]))) / 2;
        var input = torch.tensor(q, [2, 2]).log();
        var target = torch.tensor(p, [2, 2]);
        Check.Close(expected, F.kl_div(input, target, torch.nn.Reduction.BatchMean).item(), 1e-12);
        Check.Close(expected, F.kl_div(input, target.log(), torch.nn.Reduction.BatchMean, log_target: true).item(), 1e-12);
        Check.Close(expected * 2 / 4, F.kl_div(input, target).item(), 1e-12);
    }

    [Fact]
    public void BatchNormTrainingUsesBiasedBatchVarianceAndEvalUsesRunningStats()
    {
        using var scope = torch.NewDisposeScope();
        // Channel 0 holds 1,2,3,4 (mean 2.5, biased var 1.25); channel 1 holds 0,0,2,2 (mean 1, biased var 1).
        var x = torch.tensor(new double[] { 1, 2, 0, 0, 3, 4, 2, 2 }, [2, 2, 1, 2]);
        var weight = torch.tensor(new double[] { 2, 1 });
        var bias = torch.tensor(new double[] { 0, 5 });
        const double eps = 1e-5;
        double s0 = 2 / Math.Sqrt(1.25 + eps), s1 = 1 / Math.Sqrt(1 + eps);
        Check.Close([-1.5 * s0, -0.5 * s0, 5 - s1, 5 - s1, 0.5 * s0, 1.5 * s0, 5 + s1, 5 + s1],
            F.batch_norm(x, null, null, weight, bias, training: true, eps: eps), 1e-12);

        var mean = torch.tensor(new double[] { 1, -1 });
        var variance = torch.tensor(new double[] { 4, 0.25 });
        double e0 = 2 / Math.Sqrt(4 + eps), e1 = 1 / Math.Sqrt(0.25 + eps);
        Check.Close([0, 1 * e0, 5 + e1, 5 + e1, 2 * e0, 3 * e0, 5 + 3 * e1, 5 + 3 * e1],
            F.batch_norm(x, mean, variance, weight, bias, training: false, eps: eps), 1e-12);
    }
}
