using CilBench.Abstractions;
using CilBench.Core.Protocols;
using CilBench.Core.Runner;

namespace CilBench.Core.Checks;

/// <summary>Receives a check's progress: results as they are decided, in order, and the runs' progress.</summary>
public interface ICheckObserver
{
    /// <summary>Where learners created outside the runs (the hyper-parameter check) write.</summary>
    IRunLog Log { get; }

    /// <summary>The protocol, budget point and seed the runs use, once the plugin has loaded.</summary>
    void ProtocolChosen(Protocol protocol, BudgetPoint point, int seed);

    void Result(CheckResult result);

    /// <summary>Run <paramref name="run"/> of <paramref name="runs"/> starts; returns the observer the runner reports to.</summary>
    IRunObserver RunStarted(int run, int runs);
}
