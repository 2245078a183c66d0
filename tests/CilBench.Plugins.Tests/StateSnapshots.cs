using System.Text.Json.Nodes;
using CilBench.Abstractions;
using CilBench.Torch;

namespace CilBench.Plugins.Tests;

/// <summary>
/// Wraps a method so that a copy of its learner's state is kept after every task's <c>Learn</c>, to check in an
/// end-to-end run what each task changed. The run goes on with the learners the restart audit reloads from fresh
/// method objects; those are wrapped too (<see cref="Around"/>) and record into the same lists.
/// </summary>
public sealed class StateSnapshots : IMethod, IMethodWrapper, IDisposable
{
    private readonly IMethod inner;
    private readonly List<Dictionary<string, Tensor>> tensors;
    private readonly List<JsonObject> infos;

    public StateSnapshots(IMethod inner) : this(inner, [], []) { }

    private StateSnapshots(IMethod inner, List<Dictionary<string, Tensor>> tensors, List<JsonObject> infos)
    {
        this.inner = inner;
        this.tensors = tensors;
        this.infos = infos;
    }

    public IMethod Inner => inner;

    public IMethod Around(IMethod fresh) => new StateSnapshots(fresh, tensors, infos);

    public string Name => inner.Name;
    public string Version => inner.Version;
    public string Paper => inner.Paper;
    public string DefaultHyperParameters => inner.DefaultHyperParameters;
    public bool IsReference => inner.IsReference;

    /// <summary>State tensors after each task, by name.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, Tensor>> Tensors => tensors;

    /// <summary>State info after each task.</summary>
    public IReadOnlyList<JsonObject> Infos => infos;

    public IIncrementalLearner Create(MethodContext context) => new Learner(inner.Create(context), this);

    public void Dispose()
    {
        foreach (var t in tensors.SelectMany(s => s.Values)) t.Dispose();
        tensors.Clear();
    }

    private void Take(LearnerState state)
    {
        using var _ = torch.no_grad();
        tensors.Add(state.Tensors.ToDictionary(kv => kv.Key, kv => kv.Value.Tensor.clone().DetachFromDisposeScope()));
        infos.Add((JsonObject)state.Info.DeepClone());
    }

    private sealed class Learner(IIncrementalLearner inner, StateSnapshots owner) : IIncrementalLearner
    {
        public void Learn(TaskContext task)
        {
            inner.Learn(task);
            owner.Take(inner.State());
        }

        public ExemplarRanking RankExemplars(ExemplarRequest request) => inner.RankExemplars(request);

        public void MemoryUpdated(IExemplarMemoryView memory) => inner.MemoryUpdated(memory);

        public Predictions Predict(Tensor images) => inner.Predict(images);

        public LearnerState State() => inner.State();

        public void Load(LearnerState state) => inner.Load(state);

        public void Dispose() => inner.Dispose();
    }
}
