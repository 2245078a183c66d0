using CilBench.Torch;

namespace CilBench.Core.Protocols;

/// <summary>
/// The order in which a protocol presents a dataset's classes: <c>Order[k]</c> is the dataset class shown k-th.
/// As in PyCIL, a sample of dataset class c is relabelled to <c>PositionOf(c)</c>, so incremental class ids are
/// 0, 1, 2... in presentation order. Immutable.
/// </summary>
public sealed class ClassOrder
{
    private readonly int[] order;
    private readonly int[] positions;

    private ClassOrder(int[] order)
    {
        this.order = order;
        positions = new int[order.Length];
        for (var k = 0; k < order.Length; k++) positions[order[k]] = k;
    }

    /// <summary>Dataset classes in presentation order.</summary>
    public IReadOnlyList<int> Order => order;

    public int ClassCount => order.Length;

    /// <summary>The dataset class presented at <paramref name="position"/>.</summary>
    public int this[int position] => order[position];

    /// <summary>Where dataset class <paramref name="datasetClass"/> is presented (its incremental label).</summary>
    public int PositionOf(int datasetClass)
    {
        if ((uint)datasetClass >= (uint)positions.Length)
            throw new ArgumentOutOfRangeException(nameof(datasetClass), datasetClass, $"class must be in 0..{positions.Length - 1}");
        return positions[datasetClass];
    }

    /// <summary>0, 1, ..., C-1: the dataset's own order.</summary>
    public static ClassOrder Identity(int classCount)
    {
        if (classCount < 1) throw new ArgumentOutOfRangeException(nameof(classCount), classCount, "a class order needs at least one class");
        return new ClassOrder(Enumerable.Range(0, classCount).ToArray());
    }

    /// <summary>PyCIL's shuffled order: <c>np.random.seed(seed); np.random.permutation(classCount)</c>, reproduced exactly.</summary>
    public static ClassOrder FromSeed(int classCount, long seed)
    {
        if (classCount < 1) throw new ArgumentOutOfRangeException(nameof(classCount), classCount, "a class order needs at least one class");
        return new ClassOrder(new NumpyRandomState(seed).Permutation(classCount));
    }

    /// <summary>An explicit order, which must be a permutation of 0..classCount-1 (classCount defaults to its length).</summary>
    public static ClassOrder FromList(IReadOnlyList<int> order, int? classCount = null)
    {
        var c = classCount ?? order.Count;
        if (order.Count != c)
            throw new ArgumentException($"class order lists {order.Count} classes, expected {c} (a permutation of 0..{c - 1})", nameof(order));
        var count = new int[c];
        for (var k = 0; k < order.Count; k++)
        {
            var cls = order[k];
            if ((uint)cls >= (uint)c)
                throw new ArgumentException($"class order position {k} names class {cls}, expected a class in 0..{c - 1}", nameof(order));
            count[cls]++;
        }
        var duplicated = Enumerable.Range(0, c).Where(cls => count[cls] > 1).ToArray();
        if (duplicated.Length > 0)
        {
            var missing = Enumerable.Range(0, c).Where(cls => count[cls] == 0);
            throw new ArgumentException(
                $"class order is not a permutation of 0..{c - 1}: duplicated class(es) {string.Join(", ", duplicated)}; " +
                $"missing class(es) {string.Join(", ", missing)}", nameof(order));
        }
        return new ClassOrder(order.ToArray());
    }

    /// <summary>Relabels dataset labels (int64, any device) to their incremental labels (positions in this order).</summary>
    public Tensor MapLabels(Tensor labels)
    {
        using var lookup = torch.tensor(positions.Select(p => (long)p).ToArray(), device: labels.device);
        return lookup.index_select(0, labels);
    }

    public override string ToString() => $"[{string.Join(", ", order)}]";
}
