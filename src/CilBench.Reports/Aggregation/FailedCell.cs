using CilBench.Core.Sweep;

namespace CilBench.Reports.Aggregation;

/// <summary>
/// A cell whose process failed: where its record lies, the cell read from that path, the record, and the child's
/// one-line error (Message, results format 2) when the record has it.
/// </summary>
public sealed record FailedCell(string Path, string Protocol, string Method, string Budget, int Seed, CellFailure Failure, string? Message = null);
