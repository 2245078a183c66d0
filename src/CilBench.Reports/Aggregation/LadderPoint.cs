namespace CilBench.Reports.Aggregation;

/// <summary>
/// One budget point of a protocol's ladder as a column: its name, policy and byte limit if it has one. Exemplar
/// counts are per method under the `exemplars` policy, so they stay with the cells.
/// </summary>
public sealed record LadderPoint(string Name, string Policy, long? Bytes);
