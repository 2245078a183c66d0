namespace CilBench.Reports.Aggregation;

/// <summary>Where a cell's memory figure (the x of the accuracy-memory curve and AUC) comes from.</summary>
public enum MemorySource
{
    /// <summary>The budget point's byte limit (policies `budget` and `exemplars` with bytes): the aligned x MEMO plots.</summary>
    BudgetBytes,

    /// <summary>The measured total bytes (model + exemplars) after the last stage, mean over seeds.</summary>
    MeasuredTotal,
}
