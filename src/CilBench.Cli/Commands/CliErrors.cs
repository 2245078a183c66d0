using CilBench.Core.Data;
using CilBench.Core.Memory;
using CilBench.Core.Protocols;
using CilBench.Core.Runner;
using CilBench.Core.Sweep;
using CilBench.Torch;

namespace CilBench.Cli.Commands;

/// <summary>
/// Every error ends as one line on stderr, "error: ..." (a sweep keeps that line in its failure record): the errors a
/// user can cause or a learner's broken contract exit with <see cref="ExitCodes.Error"/>, anything else with
/// <see cref="ExitCodes.Failed"/> and its stack trace below the line.
/// </summary>
internal static class CliErrors
{
    public static async Task<int> Guard(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception e) when (e is ProtocolException or OverBudgetException or DatasetFormatException or DatasetFetchException
                                       or TorchException or ArgumentException or InvalidOperationException or IOException or FormatException
                                       or KeyNotFoundException or UnauthorizedAccessException or LearnerContractException or ResumeRefusedException
                                       or CilBench.Reports.ReportException)
        {
            Error(e.Message);
            return ExitCodes.Error;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Error($"{e.GetType().Name}: {e.Message}");
            Console.Error.WriteLine(e.StackTrace);
            return ExitCodes.Failed;
        }
    }

    public static int Guard(Func<int> action) => Guard(() => Task.FromResult(action())).GetAwaiter().GetResult();

    /// <summary>Writes the error line.</summary>
    public static void Error(string message) => Console.Error.WriteLine(ChildProcessRunner.ErrorPrefix + message);
}
