namespace CilBench.Reports.Aggregation;

/// <summary>What a result file holds. Only complete runs are averaged; the others are shown as what they are.</summary>
public enum RunStatus
{
    /// <summary>Every task, every score finite.</summary>
    Complete,

    /// <summary>A partial result: the model outgrew the budget at a task; its stages are the tasks before it.</summary>
    OverBudget,

    /// <summary>The learner returned non-finite scores at evaluation: its accuracies are not a measurement.</summary>
    Diverged,
}
