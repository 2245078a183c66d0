namespace CilBench.Reports.Aggregation;

/// <summary>
/// A run of a cell left out of its average, and why: shown, never dropped. Seeds are the seeds concerned; Detail one
/// line (the failure's message, the over-budget reason, the diverged stage, the components that differ); Files the
/// result or failure files concerned.
/// </summary>
public sealed record CellProblem(ProblemKind Kind, IReadOnlyList<int> Seeds, string Detail, IReadOnlyList<string> Files);
