namespace CilBench.Reports.Aggregation;

/// <summary>Why a run of a cell is not in its average.</summary>
public enum ProblemKind
{
    /// <summary>The run's process failed: no result, a failure record.</summary>
    Failed,

    /// <summary>A partial result: the model outgrew the budget.</summary>
    OverBudget,

    /// <summary>Non-finite scores at evaluation.</summary>
    Diverged,

    /// <summary>Seeds whose fingerprints differ in more than the seed: not averaged together.</summary>
    Mismatch,
}
