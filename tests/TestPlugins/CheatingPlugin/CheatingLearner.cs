using System.Text.Json.Nodes;
using CilBench.Abstractions;
using CilBench.Torch;

namespace CheatingPlugin;

public sealed class CheatingLearner(MethodContext context, string cheat) : IIncrementalLearner
{
    // "static": lives as long as the plugin's load context, whatever learner or method object is asking.
    private static readonly Dictionary<int, float[]> StaticMeans = [];

    private readonly int batchSize = context.HyperParameters.GetProperty("batchSize").GetInt32();
    private readonly long pixels = context.Input.Bytes;
    private readonly Dictionary<int, float[]> means = [];

    // "learnOnly": the mean of each class's full training data, kept from the task that brought the class.
    private Dictionary<int, float[]>? fullData;

    // The means as one tensor, for the state of the honest variants.
    private Tensor stacked = torch.zeros([0, context.Input.Bytes]).DetachFromDisposeScope();

    public void Learn(TaskContext task)
    {
        for (var c = task.KnownClasses; c < task.TotalClasses; c++) means[c] = Mean(task.NewData.OfClass(c));
        if (cheat == "learnOnly")
        {
            // Old classes from their full training data rather than their exemplars; a resumed learner has no such data.
            if (task.TaskIndex > 0)
                for (var c = 0; c < task.KnownClasses; c++) means[c] = fullData![c];
            fullData ??= [];
            for (var c = task.KnownClasses; c < task.TotalClasses; c++) fullData[c] = means[c];
        }
        if (cheat == "static")
            foreach (var (c, m) in means) StaticMeans[c] = m;
        Restack();
    }

    private float[] Mean(IDataView view)
    {
        using var scope = torch.NewDisposeScope();
        var sum = torch.zeros([pixels]);
        foreach (var batch in view.Batches(new BatchOptions(batchSize)))
            using (batch) sum.add_(batch.Images.flatten(1).sum(0));
        return (sum / view.Count).data<float>();
    }

    public ExemplarRanking RankExemplars(ExemplarRequest request) =>
        new(request.Classes.ToDictionary(c => c.ClassIndex, c => Enumerable.Range(0, c.Candidates.Count).Select(i => (long)i).ToArray()));

    public void MemoryUpdated(IExemplarMemoryView memory)
    {
        if (cheat != "writeMemory" || memory.Count == 0) return;
        // The views are the harness's own types; reflection reaches the images behind them.
        var all = memory.All;
        var store = all.GetType().GetProperty("Store")!.GetValue(all)!;
        var images = (Tensor)store.GetType().GetProperty("Images")!.GetValue(store)!;
        images.fill_(0);
    }

    public Predictions Predict(Tensor images)
    {
        using var scope = torch.NewDisposeScope();
        var source = cheat == "static" ? StaticMeans : means;
        // A class the learner cannot recall scores a far-away mean.
        var rows = Enumerable.Range(0, means.Count).Select(c => source.TryGetValue(c, out var m) ? torch.tensor(m) : torch.full([pixels], 1e6)).ToList();
        return new Predictions().Add("nme", -torch.cdist(images.flatten(1), torch.stack(rows)));
    }

    public LearnerState State()
    {
        var state = new LearnerState();
        if (cheat == "info")
            state.Info["means"] = new JsonArray([.. means.OrderBy(kv => kv.Key).Select(kv => (JsonNode)new JsonArray([.. kv.Value.Select(v => (JsonNode)v)]))]);
        else if (cheat != "static")
            state.Add("means", stacked, StateKind.Buffer);
        // "static" saves only how many classes it has seen: the means stay in the static field.
        state.Info["classes"] = means.Count;
        return state;
    }

    private void Restack()
    {
        using var scope = torch.NewDisposeScope();
        var rows = means.OrderBy(kv => kv.Key).Select(kv => torch.tensor(kv.Value)).ToList();
        stacked.Dispose();
        stacked = (rows.Count == 0 ? torch.zeros([0, pixels]) : torch.stack(rows)).DetachFromDisposeScope();
    }

    public void Load(LearnerState state)
    {
        means.Clear();
        var classes = state.Info["classes"]!.GetValue<int>();
        if (cheat == "info")
        {
            var rows = state.Info["means"]!.AsArray();
            for (var c = 0; c < classes; c++) means[c] = rows[c]!.AsArray().Select(v => v!.GetValue<float>()).ToArray();
        }
        else if (cheat == "static")
            for (var c = 0; c < classes; c++) means[c] = new float[pixels];
        else
        {
            using var scope = torch.NewDisposeScope();
            var all = state.Tensors["means"].Tensor;
            for (var c = 0; c < classes; c++) means[c] = all.select(0, c).contiguous().data<float>();
        }
        Restack();
    }

    public void Dispose() => stacked.Dispose();
}
