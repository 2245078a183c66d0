namespace CilBench.Reports.Aggregation;

/// <summary>One stage of a cell over seeds; the heads' accuracies at it are in <see cref="HeadAggregate.Top1Curve"/>.</summary>
public sealed record StageAggregate(int Task, int ClassesSeen, MemoryAggregate Memory);
