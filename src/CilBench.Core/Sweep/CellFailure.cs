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
public sealed record CellFailure(string Cell, int ExitCode, string Reason, string? Message, string StderrTail, double Seconds, DateTime FinishedUtc);
