namespace CilBench.Core.Sweep;

/// <summary>The record of a cell whose process failed (crash, out-of-memory, hang): kept beside where its result would be.</summary>
public sealed record CellFailure(string Cell, int ExitCode, string Reason, string StderrTail, double Seconds, DateTime FinishedUtc);
