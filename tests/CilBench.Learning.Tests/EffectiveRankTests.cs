using CilBench.Learning.Capacity;
using CilBench.Torch;

namespace CilBench.Learning.Tests;

public class EffectiveRankTests
{
    [Fact]
    public void EqualSingularValuesGiveTheirCountAndFullSaturation()
    {
        using var scope = torch.NewDisposeScope();
        // [I; -I] (8 x 4) is already centred and its 4 singular values are all sqrt(2).
        var eye = torch.eye(4, dtype: ScalarType.Float64);
        var rank = EffectiveRank.Of(torch.cat([eye, -eye]));
        Assert.Equal(4, rank.ERank, 9);
        Assert.Equal(1, rank.Saturation, 9);
        Assert.Equal((8L, 4L), (rank.Samples, rank.Dim));
    }

    [Fact]
    public void RankOneFeaturesGiveOneAndSaturationOneOverMinDimension()
    {
        using var scope = torch.NewDisposeScope();
        // u v^T with u centred: one singular value survives centring.
        var u = torch.tensor(new double[] { 1, -1, 2, -2, 3, -3 }).reshape(6, 1);
        var v = torch.tensor(new double[] { 0.5, 1, -2, 4, 1.5 }).reshape(1, 5);
        var rank = EffectiveRank.Of(u.mm(v) + 7);
        Assert.Equal(1, rank.ERank, 9);
        Assert.Equal(1.0 / 5, rank.Saturation, 9);
    }

    [Fact]
    public void CentredIdentityLosesOneDirection()
    {
        using var scope = torch.NewDisposeScope();
        // I_n - 11^T / n has n - 1 singular values of 1 and one 0 (dropped): eRank n - 1, saturation (n - 1) / n.
        var rank = EffectiveRank.Of(torch.eye(10, dtype: ScalarType.Float32));
        Assert.Equal(9, rank.ERank, 4);
        Assert.Equal(0.9, rank.Saturation, 4);
    }

    [Fact]
    public void UnequalSpectrumFollowsTheEntropyFormula()
    {
        using var scope = torch.NewDisposeScope();
        // Rows +-diag(3, 1): centred, singular values sqrt(2) * (3, 1), so p = (3/4, 1/4).
        var d = torch.tensor(new double[,] { { 3, 0 }, { 0, 1 } });
        var rank = EffectiveRank.Of(torch.cat([d, -d]));
        var expected = Math.Exp(-(0.75 * Math.Log(0.75) + 0.25 * Math.Log(0.25)));
        Assert.Equal(expected, rank.ERank, 9);
        Assert.Equal(expected / 2, rank.Saturation, 9);
    }

    [Fact]
    public void ConstantFeaturesHaveNoRank()
    {
        using var scope = torch.NewDisposeScope();
        var rank = EffectiveRank.Of(torch.ones([5, 3]));
        Assert.Equal(0, rank.ERank);
        Assert.Equal(0, rank.Saturation);
    }
}
