using CilBench.Abstractions;
using CilBench.Core.Memory;
using CilBench.Core.Scenario;
using CilBench.Core.Tests.Scenario;
using CilBench.Torch;

namespace CilBench.Core.Tests.Memory;

public class ExemplarMemoryTests
{
    private static readonly InputShape Shape = new(3, 2, 5); // 30 bytes per exemplar

    // Class c's exemplar of rank r is filled with 10 * c + r, so every kept image says which it is.
    private static ExemplarMemory WithRanked(params (int cls, int count)[] classes)
    {
        var memory = new ExemplarMemory(new FloatTransform(), Shape, Device.CPU);
        foreach (var (cls, count) in classes)
            memory.Set(cls, TestImages.Filled([.. Enumerable.Range(0, count).Select(r => 10 * cls + r)], Shape));
        return memory;
    }

    [Fact]
    public void CountsAndBytesAndClassesInAscendingOrder()
    {
        using var memory = WithRanked((3, 5), (1, 4), (7, 2));

        Assert.Equal([1, 3, 7], memory.Classes);
        Assert.Equal(11, memory.Count);
        Assert.Equal(11 * 30L, memory.Bytes);
        Assert.Equal((4, 5, 2, 0), (memory.CountOf(1), memory.CountOf(3), memory.CountOf(7), memory.CountOf(2)));
    }

    [Fact]
    public void ViewsPerClassKeepTheRankedOrder()
    {
        using var memory = WithRanked((3, 5), (1, 4));

        Assert.Equal([30, 31, 32, 33, 34], TestImages.Values(memory.OfClass(3)));
        Assert.Equal([10, 11, 12, 13], TestImages.Values(memory.OfClass(1)));
        Assert.Empty(TestImages.Values(memory.OfClass(2)));
        Assert.Equal([10, 11, 12, 13, 30, 31, 32, 33, 34], TestImages.Values(memory.All));
        Assert.Equal([1, 1, 1, 1, 3, 3, 3, 3, 3], memory.All.Labels);
    }

    [Fact]
    public void ShrinkKeepsEachClassesRankedPrefix()
    {
        using var memory = WithRanked((3, 5), (1, 4), (7, 2));

        memory.Shrink(3);
        Assert.Equal([10, 11, 12, 30, 31, 32, 70, 71], TestImages.Values(memory.All));
        Assert.Equal(8 * 30L, memory.Bytes);

        memory.Shrink(1);
        Assert.Equal([10, 30, 70], TestImages.Values(memory.All));
        Assert.Equal([30], TestImages.Values(memory.OfClass(3)));
        Assert.Equal([1, 3, 7], memory.Classes);
    }

    [Fact]
    public void ShrinkToZeroEmptiesTheMemory()
    {
        using var memory = WithRanked((3, 5), (1, 4));

        memory.Shrink(0);

        Assert.Equal(0, memory.Count);
        Assert.Equal(0, memory.Bytes);
        // "Classes that have exemplars": a class shrunk to nothing has none.
        Assert.Empty(memory.Classes);
        Assert.Equal(0, memory.All.Count);
    }

    [Fact]
    public void SetReplacesAndAnEmptySetRemoves()
    {
        using var memory = WithRanked((3, 5), (1, 4));

        memory.Set(3, TestImages.Filled([99, 98], Shape));
        Assert.Equal([10, 11, 12, 13, 99, 98], TestImages.Values(memory.All));

        memory.Set(1, TestImages.Filled([], Shape));
        Assert.Equal([3], memory.Classes);
        Assert.Equal(2, memory.Count);
    }

    [Fact]
    public void StoreHoldsTheImagesWithTheirClasses()
    {
        using var memory = WithRanked((2, 2), (0, 3));

        var store = memory.AsStore();

        Assert.Equal([0, 1, 2, 20, 21], TestImages.Values(store.Images));
        Assert.Equal([0, 0, 0, 2, 2], store.Labels);
    }
}
