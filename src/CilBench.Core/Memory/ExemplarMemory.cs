using CilBench.Abstractions;
using CilBench.Core.Scenario;
using CilBench.Torch;

namespace CilBench.Core.Memory;

/// <summary>
/// The harness-owned exemplar memory: per class, uint8 images in the learner's ranked order. Shrinking keeps each
/// class's ranked prefix, as PyCIL's reduce_exemplar does.
/// </summary>
public sealed class ExemplarMemory(IBatchTransform transform, InputShape shape, Device device) : IExemplarMemoryView, IDisposable
{
    private readonly SortedDictionary<int, Tensor> byClass = [];
    private ImageStore? store;
    private DataView? all;

    public InputShape Shape => shape;

    public IReadOnlyList<int> Classes => byClass.Keys.ToList();

    public int Count => byClass.Values.Sum(t => (int)t.size(0));

    /// <summary>Exemplars x C x H x W bytes (uint8 images, as stored on disk).</summary>
    public long Bytes => Count * shape.Bytes;

    public int CountOf(int classIndex) => byClass.TryGetValue(classIndex, out var t) ? (int)t.size(0) : 0;

    public IDataView All => all ??= Store().All();

    public IDataView OfClass(int classIndex) => All.OfClass(classIndex);

    /// <summary>Keeps the first <paramref name="perClass"/> exemplars of every class.</summary>
    public void Shrink(int perClass)
    {
        foreach (var c in byClass.Keys.ToList())
        {
            var t = byClass[c];
            if (t.size(0) <= perClass) continue;
            // A class shrunk to nothing leaves the memory, as an empty Set does.
            if (perClass == 0) byClass.Remove(c);
            else byClass[c] = t.narrow(0, 0, perClass).clone().DetachFromDisposeScope();
            t.Dispose();
        }
        Invalidate();
    }

    /// <summary>Stores a class's exemplars (uint8 N x C x H x W), replacing any it had.</summary>
    public void Set(int classIndex, Tensor images)
    {
        if (byClass.Remove(classIndex, out var old)) old.Dispose();
        if (images.size(0) > 0) byClass[classIndex] = images.DetachFromDisposeScope();
        else images.Dispose();
        Invalidate();
    }

    private ImageStore Store()
    {
        if (store is not null) return store;
        var labels = byClass.SelectMany(kv => Enumerable.Repeat(kv.Key, (int)kv.Value.size(0))).ToArray();
        var images = byClass.Count == 0
            ? torch.empty([0, shape.Channels, shape.Height, shape.Width], ScalarType.UInt8, device)
            : torch.cat(byClass.Values.ToList());
        return store = new ImageStore(images, labels, transform);
    }

    /// <summary>The concatenated exemplar images and labels (for building a task's training set).</summary>
    public ImageStore AsStore() => Store();

    private void Invalidate()
    {
        store?.Dispose();
        store = null;
        all = null;
    }

    public void Dispose()
    {
        foreach (var t in byClass.Values) t.Dispose();
        byClass.Clear();
        Invalidate();
    }
}
