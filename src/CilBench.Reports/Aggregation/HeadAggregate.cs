namespace CilBench.Reports.Aggregation;

/// <summary>One head's summary over the seeds of a cell (percentages), and its top-1 per stage.</summary>
public sealed record HeadAggregate(
    string Head,
    Stat AverageIncrementalAccuracy,
    Stat LastAccuracy,
    Stat Forgetting,
    Stat Bwt,
    Stat AverageTaskAware,
    IReadOnlyList<Stat> Top1Curve);
