using CilBench.Abstractions;
using CilBench.Core.Checks;
using CilBench.Core.Protocols;
using CilBench.Core.Results;
using CilBench.Core.Runner;

namespace CilBench.Cli.Rendering;

/// <summary>
/// Prints a check as plain lines, one per result (<c>PASS  state  ...</c>), as each is decided; the runs' progress
/// (one line per task) goes to stderr. Plain text, unwrapped: the lines are read by people, CI logs and scripts alike.
/// </summary>
internal sealed class ConsoleCheckObserver : ICheckObserver, IRunLog
{
    private static readonly int NameWidth = ContractCheck.All.Max(c => c.Name.Length);

    public IRunLog Log => this;

    public void ProtocolChosen(Protocol protocol, BudgetPoint point, int seed)
    {
        var where = protocol.File is { } file && file != CheckProtocol.Where ? file : CheckProtocol.Where;
        Console.WriteLine($"protocol {protocol.Name} ({where}): {protocol.Tasks.Count} tasks, budget point {point.Name} ({point.Policy.Name()}), seed {seed}; contract {ContractVersion.Text}");
    }

    public void Result(CheckResult result)
    {
        var status = result.Status switch
        {
            CheckStatus.Passed => "PASS",
            CheckStatus.Failed => "FAIL",
            _ => "SKIP",
        };
        Console.WriteLine($"{status}  {result.Check.Name.PadRight(NameWidth)}  {result.Message}");
    }

    public IRunObserver RunStarted(int run, int runs) => new RunProgress(run, runs, this);

    public void Info(string message) => Console.Error.WriteLine($"  {message}");

    public void Warn(string message) => Console.Error.WriteLine($"  warning: {message}");

    private sealed class RunProgress(int run, int runs, IRunLog log) : IRunObserver
    {
        public IRunLog Log => log;

        public void StageStarted(int task, int tasks, int classesSeen) =>
            Console.Error.WriteLine($"  run {run}/{runs}: task {task + 1}/{tasks} ({classesSeen} classes)");

        public void Progress(int task, TrainingProgress progress)
        {
        }

        public void StageFinished(StageResult stage)
        {
        }
    }
}
