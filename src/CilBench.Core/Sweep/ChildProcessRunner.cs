using System.Diagnostics;
using System.Text.Json;
using CilBench.Core.Results;

namespace CilBench.Core.Sweep;

/// <summary>
/// Runs each cell as its own child process (`cilbench run ...`), as BenchmarkDotNet runs one process per
/// benchmark: a crash, an out-of-memory or a hang ends that cell, is recorded with its exit status and stderr tail,
/// and the sweep goes on. Up to <c>jobs</c> cells run at once.
/// </summary>
public sealed class ChildProcessRunner(string executable, IReadOnlyList<string> prefixArguments, TimeSpan? timeout)
{
    private const int StderrTailLines = 40;

    /// <summary>How `cilbench run` prints the one-line error it exits with (see CliErrors).</summary>
    public const string ErrorPrefix = "error: ";

    /// <summary>The command that runs this program again: the apphost if present, else `dotnet cilbench.dll`.</summary>
    public static (string executable, IReadOnlyList<string> prefix) Self()
    {
        var appHost = Path.Combine(AppContext.BaseDirectory, "cilbench");
        if (File.Exists(appHost)) return (appHost, []);
        var dll = Path.Combine(AppContext.BaseDirectory, "cilbench.dll");
        return (Environment.ProcessPath ?? "dotnet", [dll]);
    }

    /// <summary>
    /// Runs every cell, <paramref name="jobs"/> workers at once; <paramref name="arguments"/> gets the cell and the number
    /// (0 .. jobs - 1) of the worker that runs it; <paramref name="onLine"/> gets each stdout line of a child (its JSON progress).
    /// </summary>
    public async Task<IReadOnlyDictionary<SweepCell, CellOutcome>> RunAll(IReadOnlyList<SweepCell> cells, Func<SweepCell, int, IReadOnlyList<string>> arguments,
        int jobs, Action<SweepCell, string> onLine, CancellationToken cancellation)
    {
        var outcomes = new System.Collections.Concurrent.ConcurrentDictionary<SweepCell, CellOutcome>();
        var idle = new System.Collections.Concurrent.ConcurrentQueue<int>(Enumerable.Range(0, Math.Max(1, jobs)));
        await Parallel.ForEachAsync(cells, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, jobs), CancellationToken = cancellation },
            async (cell, ct) =>
            {
                // At most `jobs` cells run at once, so a worker number is always free here.
                if (!idle.TryDequeue(out var worker)) throw new InvalidOperationException("no idle worker");
                try
                {
                    outcomes[cell] = await RunOne(cell, arguments(cell, worker), line => onLine(cell, line), ct);
                }
                finally
                {
                    idle.Enqueue(worker);
                }
            });
        return outcomes;
    }

    private async Task<CellOutcome> RunOne(SweepCell cell, IReadOnlyList<string> arguments, Action<string> onLine, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in prefixArguments.Concat(arguments)) info.ArgumentList.Add(a);
        using var process = new Process { StartInfo = info };
        var stderr = new Queue<string>();
        string? message = null;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) onLine(e.Data); };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (stderr)
            {
                if (e.Data.StartsWith(ErrorPrefix, StringComparison.Ordinal)) message = e.Data[ErrorPrefix.Length..];
                stderr.Enqueue(e.Data);
                if (stderr.Count > StderrTailLines) stderr.Dequeue();
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var timer = timeout is { } t ? new CancellationTokenSource(t) : new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellation, timer.Token);
        string? reason = null;
        try
        {
            await process.WaitForExitAsync(linked.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            reason = timer.IsCancellationRequested ? $"timed out after {timeout}" : "cancelled";
        }
        process.WaitForExit(); // drains the redirected streams
        if (process.ExitCode is ExitCodes.Done or ExitCodes.OverBudget && reason is null && File.Exists(cell.ResultPath))
        {
            File.Delete(cell.FailurePath);
            return new CellOutcome(true, process.ExitCode, process.ExitCode == ExitCodes.OverBudget ? message : null, clock.Elapsed.TotalSeconds);
        }
        reason ??= process.ExitCode switch
        {
            ExitCodes.Done or ExitCodes.OverBudget => $"exited {process.ExitCode} without writing its result",
            137 => "killed (exit 137: out of memory or SIGKILL)",
            134 => "aborted (exit 134: native crash)",
            139 => "segmentation fault (exit 139)",
            _ => $"exit status {process.ExitCode}",
        };
        string tail;
        lock (stderr) tail = string.Join('\n', stderr);
        var failure = new CellFailure(cell.ToString(), process.ExitCode, reason, message, tail, clock.Elapsed.TotalSeconds, DateTime.UtcNow);
        AtomicFile.WriteAllText(cell.FailurePath, JsonSerializer.Serialize(failure, ResultJson.Options));
        return new CellOutcome(false, process.ExitCode, message is null ? reason : $"{reason}: {message}", clock.Elapsed.TotalSeconds, tail);
    }
}

/// <summary>How a cell's process ended.</summary>
/// <param name="Succeeded">It wrote its result (complete, or partial when over budget).</param>
/// <param name="ExitCode">The child's exit status.</param>
/// <param name="Reason">Why it failed (with its one-line error), or why its result is partial.</param>
/// <param name="Seconds">Wall time.</param>
/// <param name="StderrTail">The last lines of its stderr, for a failure.</param>
public sealed record CellOutcome(bool Succeeded, int ExitCode, string? Reason, double Seconds, string? StderrTail = null);
