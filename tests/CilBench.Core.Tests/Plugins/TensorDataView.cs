using CilBench.Abstractions;
using CilBench.Torch;

namespace CilBench.Core.Tests.Plugins;

/// <summary>An in-memory <see cref="IDataView"/> over float images, enough to drive a plugin's learner.</summary>
internal sealed class TensorDataView(Tensor images, Tensor labels) : IDataView
{
    public int Count => (int)labels.size(0);

    public IReadOnlyList<int> Labels => labels.data<long>().Select(l => (int)l).ToArray();

    public IDataView Subset(long[] positions)
    {
        var index = torch.tensor(positions);
        return new TensorDataView(images.index_select(0, index), labels.index_select(0, index));
    }

    public IDataView OfClass(int classIndex) =>
        Subset([.. Labels.Select((label, i) => (label, i)).Where(x => x.label == classIndex).Select(x => (long)x.i)]);

    public IEnumerable<Batch> Batches(BatchOptions options)
    {
        for (long start = 0; start < Count; start += options.BatchSize)
        {
            var length = Math.Min(options.BatchSize, Count - start);
            yield return new Batch(images.narrow(0, start, length).clone(), labels.narrow(0, start, length).clone(),
                [.. Enumerable.Range((int)start, (int)length).Select(i => (long)i)]);
        }
    }
}
