using CilBench.Abstractions;
using CilBench.Torch;

namespace CilBench.Plugins.Tests;

/// <summary>
/// Wraps a method so that a test can read the run's learner after the last task: the first learner created (the
/// run's own; later ones are the restart audit's) copies its state to the CPU when the harness disposes it.
/// </summary>
public sealed class FinalStateMethod(IMethod inner) : IMethod
{
    private bool created;

    /// <summary>The run learner's state tensors by name, once the run has ended.</summary>
    public Dictionary<string, Tensor>? FinalState { get; private set; }

    public string Name => inner.Name;
    public string Version => inner.Version;
    public string Paper => inner.Paper;
    public string DefaultHyperParameters => inner.DefaultHyperParameters;
    public bool IsReference => inner.IsReference;

    public IIncrementalLearner Create(MethodContext context)
    {
        var learner = inner.Create(context);
        if (created) return learner;
        created = true;
        return new Capturing(learner, state => FinalState = state);
    }

    private sealed class Capturing(IIncrementalLearner learner, Action<Dictionary<string, Tensor>> keep) : IIncrementalLearner
    {
        public void Learn(TaskContext task) => learner.Learn(task);

        public ExemplarRanking RankExemplars(ExemplarRequest request) => learner.RankExemplars(request);

        public void MemoryUpdated(IExemplarMemoryView memory) => learner.MemoryUpdated(memory);

        public Predictions Predict(Tensor images) => learner.Predict(images);

        public LearnerState State() => learner.State();

        public void Load(LearnerState state) => learner.Load(state);

        public void Dispose()
        {
            keep(learner.State().Tensors.ToDictionary(kv => kv.Key, kv => kv.Value.Tensor.to(Device.CPU, copy: true).DetachFromDisposeScope()));
            learner.Dispose();
        }
    }
}
