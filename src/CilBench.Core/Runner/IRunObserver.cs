using CilBench.Abstractions;
using CilBench.Core.Results;

namespace CilBench.Core.Runner;

/// <summary>Receives a run's progress: the CLI renders it, a sweep's child prints it as JSON lines.</summary>
public interface IRunObserver
{
    IRunLog Log { get; }

    void StageStarted(int task, int tasks, int classesSeen);

    void Progress(int task, TrainingProgress progress);

    void StageFinished(StageResult stage);
}
