using CilBench.Core.Data;
using CilBench.Core.Protocols;
using CilBench.Torch;

namespace CilBench.Core.Scenario;

/// <summary>
/// A protocol applied to its dataset: the train and test images on the run's device, relabelled to incremental
/// class indices (position in the class order, as PyCIL), with the per-class subset applied.
/// </summary>
public sealed class Scenario : IDisposable
{
    private Scenario(Protocol protocol, ImageStore train, ImageStore test, int[] taskOfClass)
    {
        Protocol = protocol;
        Train = train;
        Test = test;
        TaskOfClass = taskOfClass;
    }

    public Protocol Protocol { get; }

    public ImageStore Train { get; }

    public ImageStore Test { get; }

    /// <summary>Task index of each incremental class.</summary>
    public int[] TaskOfClass { get; }

    public int TaskCount => Protocol.Tasks.Count;

    /// <summary>Classes seen before task t.</summary>
    public int KnownBefore(int task) => Protocol.Tasks.Take(task).Sum(t => t.Length);

    public static Scenario Build(Protocol protocol, LoadedDataset data, IBatchTransform transform, Device device)
    {
        if (protocol.Spec.TasksBy == "coarse") CheckCoarseLabels(data);
        var incremental = new int[protocol.ClassOrder.Count];
        for (var i = 0; i < incremental.Length; i++) incremental[protocol.ClassOrder[i]] = i;
        var taskOfClass = new int[incremental.Length];
        var k = 0;
        for (var t = 0; t < protocol.Tasks.Count; t++)
            foreach (var _ in protocol.Tasks[t]) taskOfClass[k++] = t;

        var subset = protocol.Spec.Dataset.Subset;
        var train = Store(data.TrainImages, data.TrainLabels, subset?.TrainPerClass, incremental, transform, device);
        var test = Store(data.TestImages, data.TestLabels, subset?.TestPerClass, incremental, transform, device);
        return new Scenario(protocol, train, test, taskOfClass);
    }

    // Tasks were grouped by the catalog's class-to-coarse map; the files' own coarse labels must agree with it.
    private static void CheckCoarseLabels(LoadedDataset data)
    {
        var map = data.Info.CoarseOfClass ?? throw new InvalidOperationException($"dataset '{data.Info.Name}' has no coarse classes");
        foreach (var (split, labels, coarse) in new[] { ("train", data.TrainLabels, data.TrainCoarseLabels), ("test", data.TestLabels, data.TestCoarseLabels) })
        {
            if (coarse is null) throw new InvalidOperationException($"dataset '{data.Info.Name}' was read without its coarse labels");
            for (var i = 0; i < labels.Length; i++)
                if (coarse[i] != map[labels[i]])
                    throw new DatasetFormatException(data.Info.Name + "/" + split,
                        $"sample {i} of class {labels[i]} has coarse label {coarse[i]}, but class {labels[i]} belongs to coarse class {map[labels[i]]}; tasks grouped by coarse class would be wrong");
        }
    }

    // Keeps the first `perClass` samples of each class in file order (deterministic), relabels, moves to the device.
    private static ImageStore Store(Tensor images, int[] labels, int? perClass, int[] incremental, IBatchTransform transform, Device device)
    {
        var taken = new int[incremental.Length];
        var keep = new List<long>(labels.Length);
        var newLabels = new List<int>(labels.Length);
        for (var i = 0; i < labels.Length; i++)
        {
            var c = labels[i];
            if (perClass is { } n && taken[c]++ >= n) continue;
            keep.Add(i);
            newLabels.Add(incremental[c]);
        }
        using var scope = torch.NewDisposeScope();
        var selected = keep.Count == labels.Length ? images.alias() : images.index_select(0, torch.tensor(keep.ToArray()));
        var onDevice = selected.to(device).contiguous();
        return new ImageStore(onDevice, newLabels.ToArray(), transform);
    }

    /// <summary>Test samples of the classes seen after task t.</summary>
    public DataView TestUpTo(int seenClasses)
    {
        var positions = new List<long>();
        for (var i = 0; i < Test.Count; i++)
            if (Test.Labels[i] < seenClasses) positions.Add(i);
        return new DataView(Test, positions.ToArray());
    }

    /// <summary>Training positions of the classes [from, to).</summary>
    public long[] TrainPositions(int from, int to)
    {
        var positions = new List<long>();
        for (var i = 0; i < Train.Count; i++)
            if (Train.Labels[i] >= from && Train.Labels[i] < to) positions.Add(i);
        return positions.ToArray();
    }

    public void Dispose()
    {
        Train.Dispose();
        Test.Dispose();
    }
}
