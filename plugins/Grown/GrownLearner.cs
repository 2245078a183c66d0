using System.Text.Json.Nodes;
using CilBench.Abstractions;
using CilBench.Learning.Backbones;
using CilBench.Learning.Training;
using CilBench.Torch;
using F = CilBench.Torch.torch.nn.functional;

namespace CilBench.Plugins.Grown;

/// <summary>
/// GROWN (Yang, Lin, Zhang, Fan, AAAI 2022), one task in the paper's order:
/// <list type="number">
/// <item>Hold out <c>validationFraction</c> of each class's training data.</item>
/// <item>Task 1: learnable sparse growth of the seed network (Eq. 3): the pool's unused channels are candidates with
/// grown masks m_g, every trainable kernel has an attentive mask m_a, loss = CE + lambda ||m_g||_0 (relaxed).</item>
/// <item>Tasks 2..T, pick and reuse (Eq. 5-7): old kernels frozen, selected by Gumbel-sigmoid masks m_s; kernels
/// that earlier attentive masks released are re-trained under m_a.</item>
/// <item>Expand only if necessary: if the validation accuracy is below the target (a full-width backbone trained from
/// scratch on the task, or a fixed accuracy), train again with growth as well (Eq. 8).</item>
/// <item>Binarise the masks, freeze every kernel the task uses; keep the task's masks, batch norms and head.</item>
/// </list>
/// Heads: <c>taskAgnostic</c> (the task inferred per sample by the lowest prediction entropy) and <c>taskAware</c>
/// (every task's logits side by side; the harness's task-aware accuracy lets only the true task's classes compete).
/// </summary>
public sealed class GrownLearner : IIncrementalLearner
{
    private readonly MethodContext context;
    private readonly GrownOptions options;
    private readonly GrownNet net;
    private readonly long backboneParameters;
    private Dictionary<string, StateEntry> stored = [];

    public GrownLearner(MethodContext context, GrownOptions options)
    {
        (this.context, this.options) = (context, options);
        net = new GrownNet(options.Backbone, context.Input.Channels, options.SeedWidth, options.MaxWidth, context.Device, context.Seed);
        using var full = BackboneRegistry.Create(options.Backbone, context.Input.Channels);
        backboneParameters = full.parameter_count();
    }

    /// <summary>The network (tests read its effective weights and masks).</summary>
    public GrownNet Net => net;

    public void Learn(TaskContext task)
    {
        // 1. Validation split.
        var (train, validation) = ValidationSplit.Of(task.NewData, options.ValidationFraction, task.Seed);
        var recipe = options.RecipeFor(task.TaskIndex);
        var first = task.TaskIndex == 0;

        // 2-3. Task 1 grows from the seed; later tasks pick and reuse first.
        var outcome = Phase(task, train, validation, recipe, grow: first);
        double? target = null;
        var reuseAccuracy = outcome.Accuracy;
        // 4. Expand only if necessary.
        if (!first)
        {
            target = options.FixedTarget() ?? ScratchAccuracy(task, train, validation, recipe);
            if (outcome.Accuracy < target)
            {
                outcome.Discard();
                outcome = Phase(task, train, validation, recipe, grow: true);
            }
        }

        // 5. Keep the task.
        net.Commit(outcome.Kernels, outcome.Channels, outcome.Head);
        RebuildStore();
        task.ReportEvent("growth", new JsonObject
        {
            ["grew"] = outcome.Grew,
            ["reuseValidationAccuracy"] = first ? null : reuseAccuracy,
            ["validationAccuracy"] = outcome.Accuracy,
            ["target"] = target,
            ["grownChannels"] = new JsonArray(outcome.GrownChannels.Select(n => (JsonNode)n).ToArray()),
            ["channels"] = new JsonArray(net.Exists.Select(e => (JsonNode)e.sum().item<long>()).ToArray()),
            ["sharedWeights"] = SharedWeights(),
            ["backboneParameters"] = backboneParameters,
        });
    }

    /// <summary>Weights and biases the state keeps for the network (frozen kernels' values and existing channels' biases).</summary>
    public long SharedWeights() =>
        stored.Where(kv => kv.Key.StartsWith("layers.", StringComparison.Ordinal)).Sum(kv => kv.Value.Tensor.numel());

    private sealed record PhaseResult(Tensor[] Kernels, Tensor[] Channels, torch.nn.Linear Head, double Accuracy, bool Grew, long[] GrownChannels)
    {
        public void Discard()
        {
            foreach (var t in Kernels.Concat(Channels)) t.Dispose();
            Head.Dispose();
        }
    }

    /// <summary>One training of the task's masks, weights, batch norms and head from a fresh start; masks binarised, validated.</summary>
    private PhaseResult Phase(TaskContext task, IDataView train, IDataView validation, TrainRecipe recipe, bool grow)
    {
        using var generator = new Generator((ulong)(uint)task.Seed);
        net.Reinitialise(generator);
        var head = new torch.nn.Linear(net.Pool.OutDim, task.NewClasses, device: context.Device);
        using (torch.no_grad())
        {
            torch.nn.init.kaiming_uniform_(head.weight, a: Math.Sqrt(5), generator: generator);
            var bound = 1 / Math.Sqrt(net.Pool.OutDim);
            torch.nn.init.uniform_(head.bias!, -bound, bound, generator);
        }
        using var masks = new TaskMasks(net, grow, recipe.Epochs, options, unchecked(task.Seed + 1));
        var weights = net.Layers.SelectMany(l => l.Bias is null ? [l.Weight] : new Tensor[] { l.Weight, l.Bias })
            .Concat(net.Norms.SelectMany(n => new Tensor[] { n.Norm.weight!, n.Norm.bias! }))
            .Concat(head.parameters());
        var groups = new[]
        {
            new torch.optim.ParamGroup(weights),
            new torch.optim.ParamGroup(masks.Scores) { LearningRate = options.MaskLr, WeightDecay = 0 },
        };
        var known = task.KnownClasses;
        net.Pool.train();
        Trainer.Run(grow ? "grow" : "reuse", groups, recipe, train, task, batch =>
        {
            masks.ApplyRelaxed();
            var logits = head.forward(net.Pool.forward(batch.Images));
            return new StepOutput(F.cross_entropy(logits, batch.Labels - known) + masks.Penalty());
        }, afterEpoch: _ => masks.RaiseTemperature());

        var (kernels, channels) = masks.Decide();
        masks.ApplyBinary(kernels, channels);
        var accuracy = Accuracy(net.Pool, head, validation, known);
        return new PhaseResult(kernels, channels, head, accuracy, grow, grow ? masks.Grown(channels) : new long[net.Layers.Count]);
    }

    /// <summary>The paper's target: a full-width backbone trained from scratch on this task alone, its validation accuracy (then discarded).</summary>
    private double ScratchAccuracy(TaskContext task, IDataView train, IDataView validation, TrainRecipe recipe)
    {
        using var model = BackboneRegistry.Create(options.Backbone, context.Input.Channels);
        using (var generator = new Generator((ulong)(uint)task.Seed))
            GrownNet.Initialise(model, generator);
        model.to(context.Device);
        using var head = new torch.nn.Linear(model.OutDim, task.NewClasses, device: context.Device);
        var known = task.KnownClasses;
        model.train();
        Trainer.Run("target", model.parameters().Concat(head.parameters()), recipe, train, task, batch =>
            new StepOutput(F.cross_entropy(head.forward(model.forward(batch.Images)), batch.Labels - known)));
        return Accuracy(model, head, validation, known);
    }

    /// <summary>Top-1 accuracy in percent over the task's own classes, eval mode.</summary>
    private double Accuracy(torch.nn.Module<Tensor, Tensor> model, torch.nn.Linear head, IDataView data, int known)
    {
        model.eval();
        using var _ = torch.no_grad();
        long correct = 0;
        foreach (var batch in data.Batches(new BatchOptions(options.BatchSize)))
            using (batch)
            using (torch.NewDisposeScope())
                correct += head.forward(model.forward(batch.Images)).argmax(1).eq(batch.Labels - known).sum().item<long>();
        return 100.0 * correct / data.Count;
    }

    /// <summary>GROWN keeps no exemplars.</summary>
    public ExemplarRanking RankExemplars(ExemplarRequest request) =>
        new(request.Classes.ToDictionary(c => c.ClassIndex, _ => Array.Empty<long>()));

    public void MemoryUpdated(IExemplarMemoryView memory)
    {
    }

    public Predictions Predict(Tensor images)
    {
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var logits = Enumerable.Range(0, net.Tasks.Count).Select(t => net.Logits(t, images)).ToList();
        var (agnostic, _) = TaskInference.ByLowestEntropy(logits);
        return new Predictions().Add("taskAgnostic", agnostic).Add("taskAware", torch.cat(logits, 1));
    }

    public LearnerState State()
    {
        var state = new LearnerState
        {
            Info = new JsonObject
            {
                ["backbone"] = options.Backbone,
                ["classes"] = new JsonArray(net.Tasks.Select(t => (JsonNode)t.Classes).ToArray()),
            },
        };
        foreach (var (name, entry) in stored) state.Tensors[name] = entry;
        return state;
    }

    public void Load(LearnerState state)
    {
        if (net.Tasks.Count != 0) throw new InvalidOperationException("grown: Load expects a learner that has not learned yet");
        var backbone = state.Info["backbone"]?.GetValue<string>();
        if (!string.Equals(backbone, options.Backbone, StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"grown: the state was saved with backbone '{backbone}', this learner uses '{options.Backbone}'");
        var classes = state.Info["classes"]?.AsArray().Select(c => c!.GetValue<long>()).ToArray()
            ?? throw new ArgumentException("grown: state info lacks 'classes'");
        GrownState.Load(net, state, classes, context.Device);
        RebuildStore();
    }

    private void RebuildStore()
    {
        var previous = stored;
        stored = GrownState.Compact(net);
        foreach (var entry in previous.Values) entry.Tensor.Dispose();
    }

    public void Dispose()
    {
        foreach (var entry in stored.Values) entry.Tensor.Dispose();
        net.Dispose();
    }
}
