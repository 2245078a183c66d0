using CilBench.Abstractions;
using CilBench.Core.Scenario;

namespace CilBench.Core.Tests.Scenario;

public class DataViewTests
{
    private static readonly InputShape Shape = new(2, 3, 3);

    // Sample at store position p is filled with 100 + p.
    private static readonly int[] StoreLabels = [0, 1, 0, 2, 1, 0, 2, 2, 1, 0];

    private static ImageStore Store() =>
        new(TestImages.Filled([.. Enumerable.Range(100, StoreLabels.Length)], Shape), StoreLabels, new FloatTransform());

    [Fact]
    public void OfClassSelectsTheClassesPositionsInOrder()
    {
        using var store = Store();

        var zeros = (DataView)store.All().OfClass(0);

        Assert.Equal([0L, 2, 5, 9], zeros.StorePositions);
        Assert.Equal([0, 0, 0, 0], zeros.Labels);
        Assert.Equal([100, 102, 105, 109], TestImages.Values(zeros));
        Assert.Equal(0, store.All().OfClass(3).Count);
    }

    [Fact]
    public void SubsetIndexesTheViewNotTheStore()
    {
        using var store = Store();
        var twos = store.All().OfClass(2); // store positions 3, 6, 7

        var picked = (DataView)twos.Subset([2, 0]);

        Assert.Equal([7L, 3], picked.StorePositions);
        Assert.Equal([107, 103], TestImages.Values(picked));
        Assert.Equal([2, 2], picked.Labels);
        Assert.Throws<ArgumentOutOfRangeException>(() => twos.Subset([3]));
        Assert.Throws<ArgumentOutOfRangeException>(() => twos.Subset([-1]));
    }

    [Fact]
    public void BatchesCoverTheViewInOrder()
    {
        using var store = Store();

        var batches = store.All().Batches(new BatchOptions(4)).ToList();

        Assert.Equal([4, 4, 2], batches.Select(b => b.Count));
        Assert.Equal([8L, 9], batches[2].Positions);
        Assert.Equal([1L, 0], batches[2].Labels.data<long>());
        Assert.Equal([4, 2, 3, 3], batches[0].Images.shape);
        batches.ForEach(b => b.Dispose());
        Assert.Equal([4, 4], store.All().Batches(new BatchOptions(4, DropLast: true)).Select(b => { using (b) return b.Count; }));
    }

    [Fact]
    public void ShuffleIsDeterministicPerSeedAndDiffersAcrossSeeds()
    {
        using var store = Store();
        var view = store.All();
        int[] Order(int seed) => TestImages.Values(view, new BatchOptions(3, Shuffle: true, Seed: seed));

        Assert.Equal(Order(1), Order(1));
        Assert.NotEqual(Order(1), Order(2));
        Assert.Equal(Enumerable.Range(100, 10), Order(1).Order());
        Assert.NotEqual(Enumerable.Range(100, 10), Order(1));
    }

    [Fact]
    public void ShuffledBatchesKeepImagesWithTheirLabelsAndPositions()
    {
        using var store = Store();
        var view = store.All().OfClass(1).Subset([2, 0, 1]); // store positions 8, 1, 4

        foreach (var batch in view.Batches(new BatchOptions(2, Shuffle: true, Seed: 5)))
        {
            using (batch)
            {
                using var first = batch.Images.flatten(1).select(1, 0).contiguous();
                var values = first.data<float>();
                long[] expected = [8, 1, 4];
                Assert.Equal(batch.Positions.Select(p => 100f + expected[p]), values);
                Assert.All(batch.Labels.data<long>(), l => Assert.Equal(1L, l));
            }
        }
    }

    [Fact]
    public void GatherCopiesTheViewsImages()
    {
        using var store = Store();
        using var images = ((DataView)store.All().OfClass(2)).GatherImages();
        Assert.Equal([103, 106, 107], TestImages.Values(images));
    }
}
