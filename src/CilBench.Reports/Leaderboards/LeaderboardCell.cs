using CilBench.Reports.Aggregation;

namespace CilBench.Reports.Leaderboards;

/// <summary>A method at a budget point: average incremental and last accuracy (percent) over seeds, and its memory.</summary>
public sealed record LeaderboardCell(Stat AverageIncrementalAccuracy, Stat LastAccuracy, double MemoryMegabytes, int Seeds);
