using CilBench.Abstractions;
using CilBench.Torch;

namespace CilBench.Plugins.Tests;

/// <summary>
/// Wraps a method so that a test can read the run's learner after the last task. Every learner copies its state to the
/// CPU when the harness disposes it; the run's final learner is disposed last (the restart audit's reloaded learners
/// replace the trained ones stage by stage), so the copy left is the final state.
/// </summary>
public sealed class FinalStateMethod(IMethod inner, FinalStateMethod.Holder? holder = null) : IMethod, IMethodWrapper
{
    private readonly Holder kept = holder ?? new Holder();

    /// <summary>The run learner's state tensors by name, once the run has ended.</summary>
    public Dictionary<string, Tensor>? FinalState => kept.State;

    public IMethod Inner => inner;
    public string Name => inner.Name;
    public string Version => inner.Version;
    public string Paper => inner.Paper;
    public string DefaultHyperParameters => inner.DefaultHyperParameters;
    public bool IsReference => inner.IsReference;

    public IMethod Around(IMethod fresh) => new FinalStateMethod(fresh, kept);

    public IIncrementalLearner Create(MethodContext context) => new Capturing(inner.Create(context), kept);

    /// <summary>The copy shared by a wrapper and the wrappers of its reloads.</summary>
    public sealed class Holder
    {
        public Dictionary<string, Tensor>? State { get; private set; }

        public void Keep(Dictionary<string, Tensor> state)
        {
            if (State is not null)
                foreach (var t in State.Values) t.Dispose();
            State = state;
        }
    }

    private sealed class Capturing(IIncrementalLearner learner, Holder kept) : IIncrementalLearner
    {
        public void Learn(TaskContext task) => learner.Learn(task);

        public ExemplarRanking RankExemplars(ExemplarRequest request) => learner.RankExemplars(request);

        public void MemoryUpdated(IExemplarMemoryView memory) => learner.MemoryUpdated(memory);

        public Predictions Predict(Tensor images) => learner.Predict(images);

        public LearnerState State() => learner.State();

        public void Load(LearnerState state) => learner.Load(state);

        public void Dispose()
        {
            kept.Keep(learner.State().Tensors.ToDictionary(kv => kv.Key, kv => kv.Value.Tensor.to(Device.CPU, copy: true).DetachFromDisposeScope()));
            learner.Dispose();
        }
    }
}
