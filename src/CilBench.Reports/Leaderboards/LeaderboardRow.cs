namespace CilBench.Reports.Leaderboards;

/// <summary>
/// A method's row: one cell per ladder column (null where it did not run), its AUCs (primary head) and its rank.
/// Reference rows (joint training) are outside the budget: no rank, listed last.
/// </summary>
public sealed record LeaderboardRow(int? Rank, string Method, bool Reference, string Head, IReadOnlyList<LeaderboardCell?> Cells, double? AucA, double? AucL);
