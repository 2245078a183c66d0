namespace CilBench.Reports.Aggregation;

/// <summary>A run of a cell left out of its average, and why: shown, never dropped.</summary>
/// <param name="Seeds">The seeds concerned.</param>
/// <param name="Detail">One line: the failure's message, the over-budget reason, the diverged stage, the components that differ.</param>
/// <param name="Files">The result or failure files concerned.</param>
public sealed record CellProblem(ProblemKind Kind, IReadOnlyList<int> Seeds, string Detail, IReadOnlyList<string> Files);
