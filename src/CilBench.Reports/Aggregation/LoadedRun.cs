using CilBench.Core.Results;

namespace CilBench.Reports.Aggregation;

/// <summary>One result file, what it holds, and what it says about its own trustworthiness.</summary>
public sealed record LoadedRun(string Path, RunResult Result)
{
    public RunEvidence Evidence { get; init; } = RunEvidence.None;
}
