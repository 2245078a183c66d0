namespace CilBench.Core.Checks;

/// <summary>
/// <see cref="ContractCheck.Ranking"/>: every ranking named each requested class, with positions inside its candidates
/// and none twice. Fewer candidates than wanted are allowed (the harness keeps what is proposed).
/// </summary>
internal static class RankingCheck
{
    public static CheckResult Judge(CheckEvidence e)
    {
        if (e.Prejudge(ContractCheck.Ranking) is { } verdict) return verdict;
        var probe = e.First.Probe;
        if (probe.Rankings == 0)
            return CheckResult.NotRun(ContractCheck.Ranking, "not checked: the protocol's memory never asked for a ranking (no exemplars)");
        var shorter = probe.ShortRankings == 0 ? "" : $"; {probe.ShortRankings} classes got fewer candidates than wanted";
        return CheckResult.Pass(ContractCheck.Ranking, $"{probe.Rankings} rankings: every requested class, valid and distinct positions{shorter}");
    }
}
