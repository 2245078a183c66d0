using System.Text.Json.Serialization;

namespace CilBench.Reports.Aggregation;

/// <summary>
/// Everything the results say about one protocol x method x budget point: the complete runs of one fingerprint group
/// averaged (<see cref="Aggregate"/>), and every run left out with its reason (<see cref="Problems"/>). Seeds whose
/// fingerprints differ in more than the seed are never averaged together: each group is then a <see cref="Variants"/>
/// entry and the cell has no aggregate.
/// </summary>
public sealed record CellRecord(
    string Method,
    string Budget,
    CellAggregate? Aggregate,
    IReadOnlyList<CellAggregate> Variants,
    IReadOnlyList<CellProblem> Problems,
    [property: JsonIgnore] IReadOnlyList<LoadedRun> Excluded,
    IReadOnlyList<FailedCell> Failures)
{
    /// <summary>Complete, finite runs of one fingerprint group and nothing left out: fit to rank.</summary>
    public bool Usable => Aggregate is not null && Problems.Count == 0;

    /// <summary>Every run of the cell with what became of it: "averaged", "not averaged" (a fingerprint group of several), "over budget", "diverged".</summary>
    public IEnumerable<(LoadedRun Run, string Status)> AllRuns =>
        (Aggregate?.Runs ?? []).Select(r => (r, "averaged"))
            .Concat(Variants.SelectMany(v => v.Runs).Select(r => (r, "not averaged")))
            .Concat(Excluded.Select(r => (r, r.Evidence.Status == RunStatus.OverBudget ? "over budget" : "diverged")))
            .OrderBy(x => x.r.Result.Seed);

    public static CellRecord Of(string method, string budget, IReadOnlyList<LoadedRun> runs, IReadOnlyList<FailedCell> failures)
    {
        var problems = new List<CellProblem>();
        problems.AddRange(failures.Select(f => new CellProblem(ProblemKind.Failed, [f.Seed], f.Failure.Message ?? f.Failure.Reason, [f.Path])));
        var excluded = runs.Where(r => r.Evidence.Status != RunStatus.Complete).ToList();
        problems.AddRange(excluded.Select(r => r.Evidence.Status == RunStatus.OverBudget
            ? new CellProblem(ProblemKind.OverBudget, [r.Result.Seed],
                $"over budget at task {r.Evidence.OverBudgetAtTask}: {r.Evidence.OverBudgetReason ?? "no reason recorded"}", [r.Path])
            : new CellProblem(ProblemKind.Diverged, [r.Result.Seed], Diverged(r), [r.Path])));

        var groups = runs.Except(excluded)
            .GroupBy(r => r.Evidence.Group ?? "")
            .Select(g => g.OrderBy(r => r.Result.Seed).ToList())
            .OrderBy(g => g[0].Result.Seed)
            .ToList();
        var variants = groups.Select(CellAggregate.Of).ToList();
        if (groups.Count > 1)
            problems.Add(new CellProblem(ProblemKind.Mismatch, groups.SelectMany(g => g.Select(r => r.Result.Seed)).ToList(),
                FingerprintDifferences.Describe(groups), groups.SelectMany(g => g.Select(r => r.Path)).ToList()));
        return new CellRecord(method, budget, variants.Count == 1 ? variants[0] : null, variants.Count > 1 ? variants : [],
            problems, excluded, failures);
    }

    private static string Diverged(LoadedRun r)
    {
        var stage = r.Evidence.NonFiniteScores.Select((n, i) => (n, i)).First(x => x.n > 0).i;
        return $"diverged: {r.Evidence.NonFinite} non-finite scores, the first at task {r.Result.Stages[stage].Task}";
    }
}
