using CilBench.Core.Data;
using CilBench.Core.Memory;
using CilBench.Core.Protocols;
using CilBench.Torch;
using Spectre.Console;

namespace CilBench.Cli.Commands;

/// <summary>Turns the errors a user can cause (bad protocol, unknown method, over budget...) into one clear line and exit code 2.</summary>
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
                                       or KeyNotFoundException or CilBench.Reports.ReportException)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
            return 2;
        }
    }

    public static int Guard(Func<int> action) => Guard(() => Task.FromResult(action())).GetAwaiter().GetResult();
}
