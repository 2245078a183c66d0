using CilBench.Core.Sweep;

namespace CilBench.Reports.Aggregation;

/// <summary>A cell whose process failed: where its record lies, the cell read from that path, and the record.</summary>
public sealed record FailedCell(string Path, string Protocol, string Method, string Budget, int Seed, CellFailure Failure);
