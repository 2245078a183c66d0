using CilBench.Abstractions;
using CilBench.Torch;

namespace CilBench.Core.Scenario;

/// <summary>A list of positions into an <see cref="ImageStore"/>; the harness's implementation of IDataView.</summary>
public sealed class DataView : IDataView
{
    private readonly ImageStore store;
    private readonly long[] positions;
    private readonly int[] labels;

    public DataView(ImageStore store, long[] positions)
    {
        this.store = store;
        this.positions = positions;
        labels = new int[positions.Length];
        for (var i = 0; i < positions.Length; i++) labels[i] = store.Labels[positions[i]];
    }

    public int Count => positions.Length;

    public IReadOnlyList<int> Labels => labels;

    /// <summary>Positions of this view's samples in its store.</summary>
    public IReadOnlyList<long> StorePositions => positions;

    public ImageStore Store => store;

    public IDataView Subset(long[] viewPositions)
    {
        var result = new long[viewPositions.Length];
        for (var i = 0; i < result.Length; i++)
        {
            var p = viewPositions[i];
            if (p < 0 || p >= positions.Length) throw new ArgumentOutOfRangeException(nameof(viewPositions), p, $"position outside the view of {positions.Length} samples");
            result[i] = positions[p];
        }
        return new DataView(store, result);
    }

    public IDataView OfClass(int classIndex)
    {
        var selected = new List<long>();
        for (var i = 0; i < positions.Length; i++)
            if (labels[i] == classIndex) selected.Add(positions[i]);
        return new DataView(store, selected.ToArray());
    }

    /// <summary>
    /// Batches in (shuffled) order. Each pass copies to the device once: the store positions and labels of the whole
    /// order, and the transform's random draws for every batch; a batch then only slices them.
    /// </summary>
    public IEnumerable<Batch> Batches(BatchOptions options)
    {
        if (options.BatchSize <= 0) throw new ArgumentOutOfRangeException(nameof(options), options.BatchSize, "batch size must be positive");
        return BatchesOf(options);
    }

    private IEnumerable<Batch> BatchesOf(BatchOptions options)
    {
        var order = Enumerable.Range(0, positions.Length).Select(i => (long)i).ToArray();
        if (options.Shuffle) new Random(options.Seed).Shuffle(order);
        var count = options.DropLast ? order.Length / options.BatchSize * options.BatchSize : order.Length;
        if (count == 0) yield break;
        var sizes = new List<int>();
        for (var start = 0; start < count; start += options.BatchSize) sizes.Add(Math.Min(options.BatchSize, count - start));
        var storePositions = new long[count];
        var orderLabels = new long[count];
        for (var i = 0; i < count; i++)
        {
            storePositions[i] = positions[order[i]];
            orderLabels[i] = labels[order[i]];
        }
        var device = store.Images.device;
        // Owned by this pass, whatever dispose scope is current while it runs.
        using var epochPositions = torch.tensor(storePositions, device: device).DetachFromDisposeScope();
        using var epochLabels = torch.tensor(orderLabels, device: device).DetachFromDisposeScope();
        using var generator = new Generator((ulong)(uint)options.Seed);
        using var draws = store.Transform.Draw(sizes, options.Augment, generator, device)?.DetachFromDisposeScope();
        var offset = 0;
        foreach (var n in sizes)
        {
            Batch batch;
            using (var scope = torch.NewDisposeScope())
            {
                var raw = store.Images.index_select(0, epochPositions.narrow(0, offset, n));
                var images = store.Transform.Apply(raw, options.Augment, draws?.narrow(0, offset, n));
                batch = new Batch(images, epochLabels.narrow(0, offset, n), order.AsSpan(offset, n).ToArray());
            }
            offset += n;
            store.Served?.Add(n);
            yield return batch;
        }
    }

    /// <summary>All images of this view as one uint8 tensor (a copy), e.g. to move them into exemplar memory.</summary>
    public Tensor GatherImages() => store.Gather(positions);
}
