namespace CilBench.Core.Checks;

/// <summary>
/// One contract check of <c>cilbench check</c>: a short name printed in the report and the claim a pass makes. The
/// checks run in <see cref="All"/> order; the first three fail before any training starts.
/// </summary>
/// <param name="Name">Short name, e.g. "state".</param>
/// <param name="Claim">What passing means, in one line.</param>
/// <param name="BeforeWork">True for the checks that need no training (they gate the runs).</param>
public sealed record ContractCheck(string Name, string Claim, bool BeforeWork)
{
    public static readonly ContractCheck Load = new("load",
        "loads in its own context; the contract and the binding come from the harness", BeforeWork: true);

    public static readonly ContractCheck Identity = new("identity",
        "name, semantic version and paper are valid", BeforeWork: true);

    public static readonly ContractCheck HyperParameters = new("hyper-parameters",
        "defaults are a JSON object the protocol overrides; Create accepts them and refuses an unknown key", BeforeWork: true);

    public static readonly ContractCheck Run = new("run",
        "runs every task of the protocol", BeforeWork: false);

    public static readonly ContractCheck State = new("state",
        "state round-trips exactly through a checkpoint and the restart audit passes at every stage", BeforeWork: false);

    public static readonly ContractCheck Predict = new("predict",
        "finite scores for every seen class, from each image alone (no labels, no batch effects, no side effects)", BeforeWork: false);

    public static readonly ContractCheck Determinism = new("determinism",
        "the same seed gives the same result and the same state", BeforeWork: false);

    public static readonly ContractCheck Ranking = new("ranking",
        "exemplar ranking returns valid, distinct candidates of every requested class", BeforeWork: false);

    public static readonly ContractCheck Budget = new("budget",
        "model + exemplars within the budget at every stage, the model being the state the harness measured", BeforeWork: false);

    public static IReadOnlyList<ContractCheck> All { get; } = [Load, Identity, HyperParameters, Run, State, Predict, Determinism, Ranking, Budget];
}
