using System.Text.Json.Nodes;
using CilBench.Core.Results;

namespace CilBench.Reports.Aggregation;

/// <summary>
/// What a result says about how far it can be trusted and what produced it (results format 2, issue 8): the
/// fingerprint (Cell: SHA-256 of every component; Group: of every component but the seed, so runs are averaged only
/// within one group; Components, to name what differs between groups), whether it was audited or resumed, whether it is
/// partial (over budget), the base model, the harness build, and per stage the images served during Learn and the
/// non-finite scores returned at evaluation: the parts of a result that decide whether it is averaged, in one view.
/// </summary>
public sealed record RunEvidence(
    string? Cell,
    string? Group,
    JsonObject? Components,
    bool? Audited,
    int? ResumedAtTask,
    int? OverBudgetAtTask,
    string? OverBudgetReason,
    string? BaseModelSha256,
    string? HarnessSha256,
    string? GitCommit,
    IReadOnlyList<long?> TrainImages,
    IReadOnlyList<long?> NonFiniteScores)
{
    public static readonly RunEvidence None = new(null, null, null, null, null, null, null, null, null, null, [], []);

    /// <summary>Images served over all stages; null when a stage does not say.</summary>
    public long? TotalTrainImages => TrainImages.Count > 0 && TrainImages.All(n => n is not null) ? TrainImages.Sum() : null;

    public long NonFinite => NonFiniteScores.Sum(n => n ?? 0);

    public RunStatus Status =>
        OverBudgetAtTask is not null ? RunStatus.OverBudget
        : NonFinite > 0 ? RunStatus.Diverged
        : RunStatus.Complete;

    /// <summary>The plugin's dependency-closure hash, when the fingerprint records it.</summary>
    public string? PluginClosureSha256 => Components?["plugin"]?["sha256"]?.GetValue<string>();

    public static RunEvidence Of(RunResult r) => new(
        r.Fingerprint?.Cell,
        r.Fingerprint?.Group,
        r.Fingerprint?.Components.ToJson(),
        r.Audited,
        r.ResumedAtTask,
        r.OverBudgetAtTask,
        r.OverBudgetReason,
        r.BaseModel?.Sha256,
        r.Provenance.HarnessSha256,
        r.Provenance.GitCommit,
        r.Stages.Select(s => (long?)s.TrainImages).ToList(),
        r.Stages.Select(s => (long?)s.NonFiniteScores).ToList());
}
