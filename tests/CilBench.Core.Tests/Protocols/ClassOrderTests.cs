using System.Security.Cryptography;
using CilBench.Core.Protocols;
using CilBench.Torch;

namespace CilBench.Core.Tests.Protocols;

public class ClassOrderTests
{
    // Expected values from numpy 1.24: np.random.seed(seed); np.random.permutation(n).
    public static TheoryData<long, int, int[]> FullPermutations => new()
    {
        { 0, 10, [2, 8, 4, 9, 1, 6, 7, 3, 0, 5] },
        { 1, 10, [2, 9, 6, 4, 0, 3, 1, 7, 8, 5] },
        { 1993, 10, [4, 2, 7, 6, 0, 3, 5, 8, 9, 1] },
        { 2147483647, 10, [4, 5, 2, 6, 3, 1, 7, 0, 8, 9] },
        { 0, 100, [26, 86, 2, 55, 75, 93, 16, 73, 54, 95, 53, 92, 78, 13, 7, 30, 22, 24, 33, 8, 43, 62, 3, 71, 45, 48, 6, 99, 82, 76, 60, 80, 90, 68, 51, 27, 18, 56, 63, 74, 1, 61, 42, 41, 4, 15, 17, 40, 38, 5, 91, 59, 0, 34, 28, 50, 11, 35, 23, 52, 10, 31, 66, 57, 79, 85, 32, 84, 14, 89, 19, 29, 49, 97, 98, 69, 20, 94, 72, 77, 25, 37, 81, 46, 39, 65, 58, 12, 88, 70, 87, 36, 21, 83, 9, 96, 67, 64, 47, 44] },
        { 1, 100, [80, 84, 33, 81, 93, 17, 36, 82, 69, 65, 92, 39, 56, 52, 51, 32, 31, 44, 78, 10, 2, 73, 97, 62, 19, 35, 94, 27, 46, 38, 67, 99, 54, 95, 88, 40, 48, 59, 23, 34, 86, 53, 77, 15, 83, 41, 45, 91, 26, 98, 43, 55, 24, 4, 58, 49, 21, 87, 3, 74, 30, 66, 70, 42, 47, 89, 8, 60, 0, 90, 57, 22, 61, 63, 7, 96, 13, 68, 85, 14, 29, 28, 11, 18, 20, 50, 25, 6, 71, 76, 1, 16, 64, 79, 5, 75, 9, 72, 12, 37] },
        { 1993, 100, [68, 56, 78, 8, 23, 84, 90, 65, 74, 76, 40, 89, 3, 92, 55, 9, 26, 80, 43, 38, 58, 70, 77, 1, 85, 19, 17, 50, 28, 53, 13, 81, 45, 82, 6, 59, 83, 16, 15, 44, 91, 41, 72, 60, 79, 52, 20, 10, 31, 54, 37, 95, 14, 71, 96, 98, 97, 2, 64, 66, 42, 22, 35, 86, 24, 34, 87, 21, 99, 0, 88, 27, 18, 94, 11, 12, 47, 25, 30, 46, 62, 69, 36, 61, 7, 63, 75, 5, 32, 4, 51, 48, 73, 93, 39, 67, 29, 49, 57, 33] },
        { 2147483647, 100, [57, 8, 61, 93, 70, 23, 97, 79, 78, 56, 16, 84, 53, 25, 26, 99, 24, 6, 22, 15, 4, 72, 90, 10, 39, 87, 64, 91, 73, 1, 96, 94, 44, 69, 14, 13, 85, 63, 18, 86, 59, 31, 42, 95, 71, 37, 45, 65, 83, 68, 2, 35, 28, 7, 49, 19, 75, 3, 80, 12, 11, 0, 30, 60, 81, 48, 88, 92, 38, 54, 33, 9, 51, 98, 50, 74, 21, 77, 66, 20, 58, 34, 5, 62, 82, 41, 52, 46, 43, 32, 67, 36, 27, 17, 55, 47, 40, 89, 76, 29] },
    };

    [Theory]
    [MemberData(nameof(FullPermutations))]
    public void PermutationMatchesNumpy(long seed, int n, int[] expected)
    {
        Assert.Equal(expected, new NumpyRandomState(seed).Permutation(n));
        Assert.Equal(expected, ClassOrder.FromSeed(n, seed).Order);
    }

    // n = 1000: the first 16 and last 8 values, and SHA-256 of the permutation as little-endian int64 (numpy 1.24).
    [Theory]
    [InlineData(0L, new[] { 993, 859, 298, 553, 672, 971, 27, 231, 306, 706, 496, 558, 784, 239, 578, 55 },
        new[] { 359, 707, 763, 835, 192, 629, 559, 684 }, "246c2d91f597c4a959c432803f3b5ee0f2f0d8f66c6d6433e8ca87131e8201ff")]
    [InlineData(1L, new[] { 507, 818, 452, 368, 242, 929, 262, 810, 318, 49, 446, 142, 968, 345, 971, 133 },
        new[] { 645, 715, 905, 767, 72, 908, 235, 37 }, "8f07541c8ff62b5740684787b7919e08232700b1cf2a8790640b6384e0a0bc07")]
    [InlineData(1993L, new[] { 54, 7, 894, 512, 126, 337, 988, 11, 284, 493, 133, 783, 192, 979, 622, 215 },
        new[] { 295, 95, 451, 285, 225, 945, 697, 417 }, "0981489ce94ca3813d727a085ef9be479996e8e26a92d4c82c2f7ecb2ad64a90")]
    [InlineData(2147483647L, new[] { 660, 903, 939, 278, 779, 38, 96, 962, 729, 727, 496, 768, 293, 831, 394, 532 },
        new[] { 559, 296, 752, 488, 857, 588, 413, 874 }, "493f5a28fb2607bc7474b3eecb3924fd448b1e9ffc3df1cb7d30fc759fcaa74c")]
    public void LongPermutationMatchesNumpy(long seed, int[] first, int[] last, string sha256)
    {
        var p = new NumpyRandomState(seed).Permutation(1000);
        Assert.Equal(first, p[..16]);
        Assert.Equal(last, p[^8..]);
        var bytes = p.SelectMany(v => BitConverter.GetBytes((long)v)).ToArray();
        Assert.Equal(sha256, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    [Fact]
    public void SeedOutsideNumpyRangeIsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new NumpyRandomState(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new NumpyRandomState(1L << 32));
        Assert.Equal(10, new NumpyRandomState(uint.MaxValue).Permutation(10).Distinct().Count());
    }

    [Fact]
    public void PositionsInvertTheOrder()
    {
        var order = ClassOrder.FromSeed(100, 1993);
        Assert.Equal(68, order[0]);
        Assert.Equal(0, order.PositionOf(68));
        for (var k = 0; k < 100; k++) Assert.Equal(k, order.PositionOf(order[k]));
        Assert.Equal(Enumerable.Range(0, 5), ClassOrder.Identity(5).Order);
    }

    [Fact]
    public void MapLabelsRelabelsToPositions()
    {
        using var scope = torch.NewDisposeScope();
        var order = ClassOrder.FromList([2, 0, 1]);
        var mapped = order.MapLabels(torch.tensor(new long[] { 0, 1, 2, 2, 0 }));
        Assert.Equal(new long[] { 1, 2, 0, 0, 1 }, mapped.data<long>());
    }

    [Fact]
    public void ExplicitListNamesDuplicatedAndMissingClasses()
    {
        var e = Assert.Throws<ArgumentException>(() => ClassOrder.FromList([0, 1, 1, 3]));
        Assert.Contains("duplicated class(es) 1", e.Message);
        Assert.Contains("missing class(es) 2", e.Message);
    }

    [Fact]
    public void ExplicitListMustCoverTheClassCount()
    {
        var outOfRange = Assert.Throws<ArgumentException>(() => ClassOrder.FromList([0, 1, 4]));
        Assert.Contains("position 2 names class 4, expected a class in 0..2", outOfRange.Message);
        var wrongLength = Assert.Throws<ArgumentException>(() => ClassOrder.FromList([0, 1, 2], classCount: 4));
        Assert.Contains("lists 3 classes, expected 4", wrongLength.Message);
    }
}
