namespace CilBench.Reports.Aggregation;

/// <summary>
/// One budget point of a protocol's ladder as a column: its name, policy, byte limit if it has one, and the memory it
/// stands at on the accuracy-memory axis (MB; null when no run there says). Exemplar counts are per method under the
/// `exemplars` policy, so they stay with the cells.
/// </summary>
public sealed record LadderPoint(string Name, string Policy, long? Bytes, double? Megabytes)
{
    /// <summary>Every method stands at the point's byte budget (`budget` and `exemplars` policies with bytes), so areas compare.</summary>
    public bool Aligned => Bytes is not null && Policy is "budget" or "exemplars";
}
