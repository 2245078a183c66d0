namespace CilBench.Reports.Leaderboards;

/// <summary>What a leaderboard's ranks compare.</summary>
public enum RankingBasis
{
    /// <summary>AUC-A: every ranked method has it, over the same budget points.</summary>
    AucA,

    /// <summary>Average incremental accuracy at the largest budget point every ranked method ran.</summary>
    AverageIncrementalAccuracy,

    /// <summary>Nothing comparable (no budget point common to all): rows in name order, no ranks.</summary>
    None,
}
