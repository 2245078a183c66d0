namespace CilBench.Reports.Aggregation;

/// <summary>What a results directory holds: the finished runs and the failed cells.</summary>
public sealed record ResultScan(IReadOnlyList<LoadedRun> Runs, IReadOnlyList<FailedCell> Failures);
