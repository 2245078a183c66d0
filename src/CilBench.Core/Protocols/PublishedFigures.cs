namespace CilBench.Core.Protocols;

/// <summary>
/// What a method's paper or reference code reports for a protocol (`published.&lt;method&gt;` in the protocol file), so a
/// leaderboard can set the claim beside what CilBench reproduced. Accuracies are percentages, AUCs MEMO's (fraction x MB).
/// </summary>
public sealed record PublishedFigures
{
    /// <summary>Where the figures come from: paper and table, or repository and file.</summary>
    public required string Source { get; init; }
    public double? AucA { get; init; }
    public double? AucL { get; init; }
    /// <summary>Per budget point name.</summary>
    public Dictionary<string, PublishedPoint> Points { get; init; } = [];

    /// <summary>The first problem of <c>published</c> against the protocol's budget points, as (field, message); null if none.</summary>
    public static (string Field, string Message)? Problem(IReadOnlyDictionary<string, PublishedFigures> published, IReadOnlyList<BudgetPoint> points)
    {
        foreach (var (method, f) in published)
        {
            var field = $"published.{method}";
            if (string.IsNullOrWhiteSpace(f.Source)) return ($"{field}.source", "must name where the figures come from");
            if (f.AucA is < 0 || f.AucL is < 0) return ($"{field}.{(f.AucA is < 0 ? "aucA" : "aucL")}", "must be >= 0");
            if (f.AucA is null && f.AucL is null && f.Points.Count == 0) return (field, "records no figure (aucA, aucL or points)");
            foreach (var (point, p) in f.Points)
            {
                if (points.All(b => b.Name != point))
                    return ($"{field}.points.{point}", $"is not a budget point of the protocol (it has {string.Join(", ", points.Select(b => b.Name))})");
                foreach (var (name, value) in new[] { ("averageIncrementalAccuracy", p.AverageIncrementalAccuracy), ("lastAccuracy", p.LastAccuracy) })
                    if (value is < 0 or > 100) return ($"{field}.points.{point}.{name}", $"is a percentage (0-100), got {value}");
                if (p.AverageIncrementalAccuracy is null && p.LastAccuracy is null) return ($"{field}.points.{point}", "records no figure");
            }
        }
        return null;
    }
}

/// <summary>A published figure at one budget point (percentages).</summary>
public sealed record PublishedPoint
{
    public double? AverageIncrementalAccuracy { get; init; }
    public double? LastAccuracy { get; init; }
}
