using CilBench.Abstractions;
using CilBench.Torch;
using PluginDependency;

namespace GoodPlugin;

/// <summary>Keeps one mean image per class and predicts the nearest; exemplars are ranked at random.</summary>
public sealed class NearestMeanLearner(MethodContext context) : IIncrementalLearner
{
    private readonly int batchSize = context.HyperParameters.GetProperty("batch_size").GetInt32();

    // Classes x pixels. The only thing kept between tasks, so the whole state.
    private Tensor means = torch.zeros([0, context.Input.Bytes], device: context.Device).DetachFromDisposeScope();

    public void Learn(TaskContext task)
    {
        using var scope = torch.NewDisposeScope();
        var newMeans = new List<Tensor>();
        for (var c = task.KnownClasses; c < task.TotalClasses; c++)
        {
            task.Cancellation.ThrowIfCancellationRequested();
            var sum = torch.zeros([context.Input.Bytes], device: context.Device);
            foreach (var batch in task.NewData.OfClass(c).Batches(new BatchOptions(batchSize)))
            {
                using (batch) sum.add_(batch.Images.flatten(1).sum(0));
            }
            newMeans.Add(sum / task.NewData.OfClass(c).Count);
        }
        var all = torch.cat([means, torch.stack(newMeans)]).DetachFromDisposeScope();
        means.Dispose();
        means = all;
        task.Progress.Report(new TrainingProgress("means", 1, 1, Loss: 0));
    }

    public ExemplarRanking RankExemplars(ExemplarRequest request) =>
        new(request.Classes.ToDictionary(c => c.ClassIndex, c => RandomRanking.Order(c.Candidates.Count, context.Seed + c.ClassIndex)));

    public void MemoryUpdated(IExemplarMemoryView memory)
    {
        // The means come from all of each class's training data, so the exemplars change nothing.
    }

    public Predictions Predict(Tensor images)
    {
        using var scope = torch.NewDisposeScope();
        return new Predictions().Add("nme", -torch.cdist(images.flatten(1), means));
    }

    public LearnerState State() => new LearnerState().Add("class_means", means, StateKind.Buffer);

    public void Load(LearnerState state)
    {
        var loaded = state.Tensors["class_means"].Tensor.to(context.Device, copy: true).DetachFromDisposeScope();
        means.Dispose();
        means = loaded;
    }

    public void Dispose() => means.Dispose();
}
