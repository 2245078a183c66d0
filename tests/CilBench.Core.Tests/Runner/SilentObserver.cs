using CilBench.Abstractions;
using CilBench.Core.Results;
using CilBench.Core.Runner;

namespace CilBench.Core.Tests.Runner;

/// <summary>An observer that discards a run's progress and log.</summary>
internal sealed class SilentObserver : IRunObserver, IRunLog
{
    public IRunLog Log => this;

    public void Info(string message) { }

    public void Warn(string message) { }

    public void StageStarted(int task, int tasks, int classesSeen) { }

    public void Progress(int task, TrainingProgress progress) { }

    public void StageFinished(StageResult stage) { }
}
