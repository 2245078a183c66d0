using System.Text.Json;
using CilBench.Core.Results;

namespace CilBench.Core.Sweep;

/// <summary>
/// The record of a cell whose process failed (crash, out-of-memory, hang, an error it reported): kept beside where its
/// result would be.
/// </summary>
/// <param name="Cell">Method / budget / seed.</param>
/// <param name="ExitCode">The child's exit status.</param>
/// <param name="Reason">How the process ended (exit status, signal, timeout).</param>
/// <param name="Message">The child's one-line error (its last "error: " line on stderr), if it printed one.</param>
/// <param name="StderrTail">The last lines of its stderr.</param>
/// <param name="Seconds">Wall time.</param>
/// <param name="FinishedUtc">When it ended.</param>
public sealed record CellFailure(string Cell, int ExitCode, string Reason, string? Message, string StderrTail, double Seconds, DateTime FinishedUtc)
{
    /// <summary>Reads a record written beside a cell's result.</summary>
    /// <exception cref="FormatException">The file is not a record (the message says why; callers name the file).</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static CellFailure Read(string path)
    {
        CellFailure? failure;
        try
        {
            failure = JsonSerializer.Deserialize<CellFailure>(File.ReadAllBytes(path), ResultJson.Options);
        }
        catch (JsonException e)
        {
            throw new FormatException(e.Message, e);
        }
        if (failure is null) throw new FormatException("the file holds null");
        if (failure.Cell is null || failure.Reason is null) throw new FormatException("it has no cell or no reason");
        return failure;
    }
}
