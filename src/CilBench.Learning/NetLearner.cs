using System.Text.Json.Nodes;
using CilBench.Abstractions;
using CilBench.Learning.Networks;
using CilBench.Torch;

namespace CilBench.Learning;

/// <summary>
/// Base of learners built on one <see cref="IncrementalNet"/> (backbone + growing linear classifier): the "cnn"
/// head, random exemplar ranking, and a state of backbone + classifier. Methods override what their paper changes.
/// </summary>
public abstract class NetLearner : IIncrementalLearner
{
    protected NetLearner(MethodContext context, string backbone)
    {
        Context = context;
        Net = Backbones.InitialWeights.Build(context.Seed, () => new IncrementalNet(backbone, context.Input.Channels, context.Device));
    }

    protected MethodContext Context { get; }

    protected IncrementalNet Net { get; }

    /// <summary>Classes seen after the last task learned.</summary>
    protected int TotalClasses => (int)Net.Classes;

    public abstract void Learn(TaskContext task);

    /// <summary>
    /// The first task: the shared base model when the harness gives one (it is this very network trained with
    /// <paramref name="recipe"/> on the first task's data), otherwise cross-entropy training on <paramref name="data"/>.
    /// </summary>
    protected void LearnFirstTask(TaskContext task, IDataView data, Training.TrainRecipe recipe)
    {
        if (Context.BaseModel is not { } baseModel)
        {
            TrainCrossEntropy(task, data, recipe);
            return;
        }
        Net.UpdateFc(task.TotalClasses);
        Net.Backbone.load_state_dict(baseModel.WithPrefix("backbone."));
        Net.Fc!.load_state_dict(baseModel.WithPrefix("fc."));
    }

    /// <summary>Grows the classifier to the task's classes and trains on <paramref name="data"/> with cross-entropy over all seen classes.</summary>
    protected void TrainCrossEntropy(TaskContext task, IDataView data, Training.TrainRecipe recipe)
    {
        Net.UpdateFc(task.TotalClasses);
        Net.train();
        Training.Trainer.Run("train", Net.parameters(), recipe, data, task, batch =>
        {
            var (_, logits) = Net.Forward(batch.Images);
            return new Training.StepOutput(torch.nn.functional.cross_entropy(logits, batch.Labels), logits);
        });
    }

    /// <summary>Random order, seeded by the run seed and the class (PyCIL's replay picks at random).</summary>
    public virtual ExemplarRanking RankExemplars(ExemplarRequest request) =>
        new(request.Classes.ToDictionary(c => c.ClassIndex, c =>
        {
            var order = Enumerable.Range(0, c.Candidates.Count).Select(i => (long)i).ToArray();
            new Random(unchecked(Context.Seed * 31 + c.ClassIndex)).Shuffle(order);
            return order;
        }));

    public virtual void MemoryUpdated(IExemplarMemoryView memory)
    {
    }

    public virtual Predictions Predict(Tensor images)
    {
        Net.eval();
        using var scope = torch.NewDisposeScope();
        var (_, logits) = Net.Forward(images);
        return new Predictions().Add("cnn", logits);
    }

    public virtual LearnerState State()
    {
        var state = new LearnerState { Info = new JsonObject { ["classes"] = Net.Classes } };
        state.AddModule("backbone.", Net.Backbone, backbone: true);
        if (Net.Fc is not null) state.AddModule("fc.", Net.Fc);
        return state;
    }

    public virtual void Load(LearnerState state)
    {
        var classes = state.Info["classes"]?.GetValue<long>() ?? throw new ArgumentException("state info lacks 'classes'");
        if (classes > 0 && Net.Classes != classes) Net.UpdateFc(classes);
        Net.Backbone.load_state_dict(state.WithPrefix("backbone."));
        Net.Fc?.load_state_dict(state.WithPrefix("fc."));
    }

    public virtual void Dispose()
    {
        Net.Dispose();
        GC.SuppressFinalize(this);
    }
}
