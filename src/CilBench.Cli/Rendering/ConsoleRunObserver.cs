using CilBench.Abstractions;
using CilBench.Core.Results;
using CilBench.Core.Runner;
using Spectre.Console;

namespace CilBench.Cli.Rendering;

/// <summary>
/// Shows a run live: one progress bar over all tasks (its ETA from the epochs done so far), and a line per stage.
/// </summary>
internal sealed class ConsoleRunObserver(ProgressTask bar, int tasks) : IRunObserver
{
    private int task;

    public IRunLog Log { get; } = new ConsoleLog();

    public void StageStarted(int taskIndex, int taskCount, int classesSeen)
    {
        task = taskIndex;
        bar.Description = $"task {taskIndex + 1}/{taskCount} ({classesSeen} classes)";
        bar.Value = taskIndex;
    }

    public void Progress(int taskIndex, TrainingProgress p)
    {
        bar.Value = taskIndex + (double)p.Epoch / Math.Max(1, p.Epochs) * 0.95;
        var acc = p.TrainAccuracy is { } a ? $", train acc {a:F1}%" : "";
        bar.Description = $"task {taskIndex + 1}/{tasks} {p.Phase} epoch {p.Epoch}/{p.Epochs}, loss {p.Loss:F3}{acc}";
    }

    public void StageFinished(StageResult stage)
    {
        bar.Value = task + 1;
        var heads = string.Join(", ", stage.Heads.Select(h => $"{h.Key} {h.Value.Top1:F2}%"));
        AnsiConsole.MarkupLineInterpolated(
            $"  task {stage.Task + 1}: {stage.ClassesSeen} classes, {heads}; model {stage.Memory.ParameterBytes + stage.Memory.BufferBytes:N0} B + {stage.Memory.Exemplars} exemplars ({stage.Memory.ExemplarBytes:N0} B), train {stage.Seconds.Train:F1}s");
    }

    private sealed class ConsoleLog : IRunLog
    {
        public void Info(string message) => AnsiConsole.MarkupLineInterpolated($"[grey]{message}[/]");

        public void Warn(string message) => AnsiConsole.MarkupLineInterpolated($"[yellow]warning:[/] {message}");
    }
}
