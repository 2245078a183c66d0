using CilBench.Reports.Aggregation;

namespace CilBench.Reports;

/// <summary>Everything the results directories say: per protocol the cells, AUCs and leaderboard; the failed cells.</summary>
public sealed record Report(IReadOnlyList<string> ResultsDirectories, IReadOnlyList<ProtocolReport> Protocols, IReadOnlyList<FailedCell> Failures)
{
    public ProtocolReport? Protocol(string name) => Protocols.FirstOrDefault(p => p.Name == name);
}
