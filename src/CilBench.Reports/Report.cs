using CilBench.Reports.Aggregation;

namespace CilBench.Reports;

/// <summary>Everything a results directory says: per protocol the aggregated cells, AUCs and leaderboard; the failed cells.</summary>
public sealed record Report(string ResultsDirectory, IReadOnlyList<ProtocolReport> Protocols, IReadOnlyList<FailedCell> Failures)
{
    public ProtocolReport? Protocol(string name) => Protocols.FirstOrDefault(p => p.Name == name);
}
