using System.Security.Cryptography;
using CilBench.Abstractions;
using CilBench.Core.Scenario;
using CilBench.Torch;

namespace CilBench.Core.Memory;

/// <summary>
/// The harness-owned exemplar memory: per class, uint8 images in the learner's ranked order. Shrinking keeps each
/// class's ranked prefix, as PyCIL's reduce_exemplar does. Learners see it only through <see cref="View"/>.
/// </summary>
public sealed class ExemplarMemory(IBatchTransform transform, InputShape shape, Device device, ImageCounter? served = null)
    : IExemplarMemoryView, IDisposable
{
    private readonly SortedDictionary<int, Tensor> byClass = [];
    private ImageStore? store;
    private DataView? all;

    public InputShape Shape => shape;

    public IReadOnlyList<int> Classes => byClass.Keys.ToList();

    public int Count => byClass.Values.Sum(t => (int)t.size(0));

    /// <summary>Exemplars x C x H x W bytes (uint8 images, as stored on disk).</summary>
    public long Bytes => Count * shape.Bytes;

    /// <summary>The read-only face a learner gets: it cannot be cast back to this type.</summary>
    public IExemplarMemoryView View => field ??= new ReadOnlyView(this);

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

    /// <summary>Seals the memory as it is now; <see cref="MemorySeal.Check"/> later proves nothing changed it.</summary>
    public MemorySeal Seal() => new(this, Digest());

    /// <summary>SHA-256 over every stored class, its images and their order.</summary>
    internal string Digest()
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (c, t) in byClass)
        {
            sha.AppendData(BitConverter.GetBytes(c));
            foreach (var d in t.shape) sha.AppendData(BitConverter.GetBytes(d));
            using (torch.NewDisposeScope()) sha.AppendData(t.cpu().contiguous().data<byte>());
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    /// <summary>True when the copy that views read from (if built) still equals the stored classes.</summary>
    internal bool ViewsMatch()
    {
        if (store is null) return true;
        using var scope = torch.NewDisposeScope();
        var expected = byClass.Count == 0 ? null : torch.cat(byClass.Values.ToList());
        var labels = byClass.SelectMany(kv => Enumerable.Repeat(kv.Key, (int)kv.Value.size(0)));
        return store.Labels.SequenceEqual(labels) && (expected is null ? store.Count == 0 : store.Images.equal(expected));
    }

    private ImageStore Store()
    {
        if (store is not null) return store;
        var labels = byClass.SelectMany(kv => Enumerable.Repeat(kv.Key, (int)kv.Value.size(0))).ToArray();
        var images = byClass.Count == 0
            ? torch.empty([0, shape.Channels, shape.Height, shape.Width], ScalarType.UInt8, device)
            : torch.cat(byClass.Values.ToList());
        return store = new ImageStore(images, labels, transform, served);
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

    private sealed class ReadOnlyView(ExemplarMemory memory) : IExemplarMemoryView
    {
        public IReadOnlyList<int> Classes => memory.Classes;

        public int Count => memory.Count;

        public IDataView OfClass(int classIndex) => memory.OfClass(classIndex);

        public IDataView All => memory.All;
    }
}
