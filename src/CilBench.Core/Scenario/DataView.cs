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

    public IEnumerable<Batch> Batches(BatchOptions options)
    {
        if (options.BatchSize <= 0) throw new ArgumentOutOfRangeException(nameof(options), options.BatchSize, "batch size must be positive");
        var order = Enumerable.Range(0, positions.Length).Select(i => (long)i).ToArray();
        if (options.Shuffle) new Random(options.Seed).Shuffle(order);
        using var generator = new Generator((ulong)(uint)options.Seed);
        for (var start = 0; start < order.Length; start += options.BatchSize)
        {
            var n = Math.Min(options.BatchSize, order.Length - start);
            if (n < options.BatchSize && options.DropLast) yield break;
            var viewPositions = order.AsSpan(start, n).ToArray();
            var storePositions = new long[n];
            var batchLabels = new long[n];
            for (var i = 0; i < n; i++)
            {
                storePositions[i] = positions[viewPositions[i]];
                batchLabels[i] = labels[viewPositions[i]];
            }
            Batch batch;
            using (var scope = torch.NewDisposeScope())
            {
                var raw = store.Gather(storePositions);
                var images = store.Transform.Apply(raw, options.Augment, generator);
                var y = torch.tensor(batchLabels).to(images.device);
                batch = new Batch(images, y, viewPositions);
            }
            store.Served?.Add(n);
            yield return batch;
        }
    }

    /// <summary>All images of this view as one uint8 tensor (a copy), e.g. to move them into exemplar memory.</summary>
    public Tensor GatherImages() => store.Gather(positions);
}
