using CilBench.Abstractions;
using CilBench.Torch;

namespace BrokenPlugin;

/// <summary>Nearest class mean on raw pixels (as GoodPlugin), with one defect switched on.</summary>
public sealed class BrokenLearner(MethodContext context, int batchSize, string defect) : IIncrementalLearner
{
    // Classes x pixels: the state, except under "hidden-state", where State() reports zeros instead.
    private Tensor means = torch.zeros([0, context.Input.Bytes], device: context.Device).DetachFromDisposeScope();

    // Grows by one element per prediction under "grows-in-predict".
    private Tensor predictions = torch.zeros([0], device: context.Device).DetachFromDisposeScope();

    public void Learn(TaskContext task)
    {
        if (defect == "throws-in-learn" && task.TaskIndex == 1) throw new InvalidOperationException("broken: Learn fails at the second task");
        using var scope = torch.NewDisposeScope();
        var newMeans = new List<Tensor>();
        for (var c = task.KnownClasses; c < task.TotalClasses; c++)
        {
            var sum = torch.zeros([context.Input.Bytes], device: context.Device);
            foreach (var batch in task.NewData.OfClass(c).Batches(new BatchOptions(batchSize)))
            {
                using (batch) sum.add_(batch.Images.flatten(1).sum(0));
            }
            newMeans.Add(sum / task.NewData.OfClass(c).Count);
        }
        var learned = torch.stack(newMeans);
        // A draw the seed does not fix.
        if (defect == "unseeded") learned = learned + new Random().NextDouble();
        Replace(ref means, torch.cat([means, learned]));
    }

    public ExemplarRanking RankExemplars(ExemplarRequest request) =>
        new(request.Classes.ToDictionary(c => c.ClassIndex, c =>
        {
            var order = Enumerable.Range(0, c.Candidates.Count).Select(i => (long)i).ToArray();
            if (defect == "duplicate-ranking" && order.Length > 1) order[1] = order[0];
            if (defect == "ranking-out-of-range") order[0] = c.Candidates.Count;
            return order;
        }));

    public void MemoryUpdated(IExemplarMemoryView memory)
    {
    }

    public Predictions Predict(Tensor images)
    {
        using var scope = torch.NewDisposeScope();
        var x = images.flatten(1);
        // Centring on the batch: each image's scores then depend on the others in its batch.
        if (defect == "batch-peek") x = x - x.mean(0, keepdim: true);
        var scores = -torch.cdist(x, means);
        if (defect == "nan-scores") scores.narrow(1, 0, 1).fill_(double.NaN);
        if (defect == "grows-in-predict") Replace(ref predictions, torch.cat([predictions, torch.zeros([1], device: context.Device)]));
        return new Predictions().Add("nme", scores);
    }

    public LearnerState State()
    {
        var state = new LearnerState();
        if (defect == "hidden-state") state.Add("class_means", torch.zeros_like(means).DetachFromDisposeScope(), StateKind.Buffer);
        else state.Add("class_means", means, StateKind.Buffer);
        if (defect == "grows-in-predict") state.Add("predictions", predictions, StateKind.Buffer);
        // 2 MB of parameters: over the check protocol's budget on its own.
        if (defect == "over-budget") state.Add("ballast", torch.zeros([512 * 1024], device: context.Device).DetachFromDisposeScope(), StateKind.Parameter);
        return state;
    }

    public void Load(LearnerState state)
    {
        Replace(ref means, state.Tensors["class_means"].Tensor.to(context.Device, copy: true));
        if (state.Tensors.TryGetValue("predictions", out var p)) Replace(ref predictions, p.Tensor.to(context.Device, copy: true));
    }

    public void Dispose()
    {
        means.Dispose();
        predictions.Dispose();
    }

    private static void Replace(ref Tensor field, Tensor value)
    {
        var kept = value.DetachFromDisposeScope();
        field.Dispose();
        field = kept;
    }
}
