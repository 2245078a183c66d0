using CilBench.Abstractions;
using CilBench.Core.Plugins;

namespace CilBench.Core.Runner;

/// <summary>The learner a run is using, and the fresh method object (and load context) it came from after an audit.</summary>
internal sealed class ActiveLearner(IIncrementalLearner learner, FreshMethod? origin = null) : IDisposable
{
    public IIncrementalLearner Learner => learner;

    /// <summary>True when the restart audit rebuilt this learner from the previous stage's state.</summary>
    public bool Reloaded => origin is not null;

    public void Dispose()
    {
        learner.Dispose();
        origin?.Dispose();
    }
}
