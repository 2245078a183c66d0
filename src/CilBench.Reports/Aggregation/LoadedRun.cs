using CilBench.Core.Results;

namespace CilBench.Reports.Aggregation;

/// <summary>One result file and what it holds.</summary>
public sealed record LoadedRun(string Path, RunResult Result);
