namespace CilBench.Reports.Leaderboards;

/// <summary>
/// A method's row: one cell per ladder column (null where it has no averaged result), its AUCs (primary head, over its
/// usable cells, with the memory range they span), its rank and rank mark when ranked, else why not (NotRanked: no
/// usable result at a point, a narrower memory range, ...). Marks are compact letters: ranked methods sharing a letter
/// are not separable (Welch's t-test, p &gt;= 0.05). Reference rows (joint training) are outside the budget: no rank,
/// listed last.
/// </summary>
public sealed record LeaderboardRow(
    int? Rank,
    string? Mark,
    string Method,
    bool Reference,
    string Head,
    IReadOnlyList<LeaderboardCell?> Cells,
    double? AucA,
    double? AucL,
    double? AucFromMegabytes,
    double? AucToMegabytes,
    string? NotRanked);
