namespace CilBench.Torch.Tests;

/// <summary>
/// Compares libtorch's autograd gradients with central finite differences, in float64, as torch.autograd.gradcheck.
/// The function's output is contracted with fixed random weights so that every output element's gradient counts.
/// </summary>
internal static class GradCheck
{
    private const double Eps = 1e-6, Atol = 1e-5, Rtol = 1e-3;

    /// <summary>Fails unless d(sum(w * f(inputs)))/d(input) matches finite differences for every input element.</summary>
    public static void Assert(Func<Tensor[], Tensor> f, params Tensor[] inputs)
    {
        using var scope = torch.NewDisposeScope();
        var values = inputs.Select(x =>
        {
            Xunit.Assert.Equal(ScalarType.Float64, x.dtype);
            return x.data<double>();
        }).ToArray();
        var shapes = inputs.Select(x => x.shape).ToArray();

        var leaves = values.Select((v, i) => torch.tensor(v, shapes[i], requires_grad: true)).ToArray();
        var output = f(leaves);
        using var gen = new Generator(20240607);
        var weights = torch.randn(output.shape, gen, ScalarType.Float64);
        (output * weights).sum().backward();

        for (var i = 0; i < inputs.Length; i++)
        {
            var analytic = leaves[i].grad?.data<double>() ?? throw new Xunit.Sdk.XunitException($"input {i} got no gradient");
            for (var j = 0; j < values[i].Length; j++)
            {
                var saved = values[i][j];
                values[i][j] = saved + Eps;
                var plus = Objective(f, values, shapes, weights);
                values[i][j] = saved - Eps;
                var minus = Objective(f, values, shapes, weights);
                values[i][j] = saved;
                var numeric = (plus - minus) / (2 * Eps);
                if (!(Math.Abs(analytic[j] - numeric) <= Atol + Rtol * Math.Abs(numeric)))
                    throw new Xunit.Sdk.XunitException(
                        $"gradient of input {i} element {j}: autograd {analytic[j]:R}, finite differences {numeric:R}");
            }
        }
    }

    private static double Objective(Func<Tensor[], Tensor> f, double[][] values, long[][] shapes, Tensor weights)
    {
        using var scope = torch.NewDisposeScope();
        using var _ = torch.no_grad();
        var xs = values.Select((v, i) => torch.tensor(v, shapes[i])).ToArray();
        return (f(xs) * weights).sum().item();
    }
}
