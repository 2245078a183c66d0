using CilBench.Reports.Statistics;

namespace CilBench.Reports.Tests;

public class StatisticsTests
{
    // Wikipedia's "Welch's t-test", example 1: t = -2.46, df = 25.0, p = 0.021. The p-values below were computed apart
    // from MathNet: t and df by hand, the two tails of Student's t density integrated by Simpson's rule (200,000 steps).
    private static readonly double[] A1 = [27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4];
    private static readonly double[] A2 = [27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4];

    [Fact]
    public void Welch_p_values_match_an_independent_integration()
    {
        Assert.Equal(0.021378, WelchTest.PValue(A1, A2)!.Value, 5);
        Assert.Equal(0.042619, WelchTest.PValue([70.0, 72.0, 71.0], [66.0, 69.0, 65.5])!.Value, 5);
        Assert.Equal(0.915131, WelchTest.PValue([60.1, 61.3], [59.8, 61.9])!.Value, 5);
        Assert.True(WelchTest.Separable(A1, A2));
        Assert.False(WelchTest.Separable([60.1, 61.3], [59.8, 61.9]));
    }

    [Fact]
    public void One_seed_cannot_separate_and_constant_samples_separate_only_when_their_means_differ()
    {
        Assert.Null(WelchTest.PValue([70.0], [10.0, 11.0]));
        Assert.False(WelchTest.Separable([70.0], [10.0, 11.0]));
        Assert.Equal(0, WelchTest.PValue([5.0, 5.0], [4.0, 4.0]));
        Assert.Equal(1, WelchTest.PValue([5.0, 5.0], [5.0, 5.0]));
    }

    [Fact]
    public void Letters_for_a_chain_that_is_not_transitive()
    {
        // a ~ b and b ~ c, but a apart from c.
        Assert.Equal(["a", "ab", "b"], CompactLetters.Of(3, (i, j) => (i, j) == (0, 2)));
        Assert.Equal(["a", "b", "c"], CompactLetters.Of(3, (_, _) => true));
        Assert.Equal(["a", "a", "a"], CompactLetters.Of(3, (_, _) => false));
        Assert.Empty(CompactLetters.Of(0, (_, _) => true));
    }

    [Fact]
    public void Two_items_share_a_letter_exactly_when_they_are_not_separable()
    {
        // Every separability pattern on up to five items, checked pair by pair against the letters.
        for (var n = 1; n <= 5; n++)
        {
            var pairs = (from i in Enumerable.Range(0, n) from j in Enumerable.Range(i + 1, n - i - 1) select (i, j)).ToList();
            for (var mask = 0; mask < 1 << pairs.Count; mask++)
            {
                bool Apart(int i, int j) => (mask >> pairs.IndexOf((Math.Min(i, j), Math.Max(i, j))) & 1) == 1;
                var letters = CompactLetters.Of(n, Apart);
                Assert.All(letters, l => Assert.NotEmpty(l));
                foreach (var (i, j) in pairs)
                    Assert.True(letters[i].Intersect(letters[j]).Any() != Apart(i, j), $"n {n}, mask {mask}: {i} '{letters[i]}', {j} '{letters[j]}'");
            }
        }
    }
}
