using System.Text.Json.Nodes;

namespace CilBench.Reports.Aggregation;

/// <summary>
/// What a result says about how far it can be trusted and what produced it (results format 2, issue 8): the
/// fingerprint (Cell: SHA-256 of every component; Group: of every component but the seed, so runs are averaged only
/// within one group; Components, to name what differs between groups), whether it was audited or resumed, whether it is
/// partial (over budget), the base model, the harness build, and per stage the images served during Learn and the
/// non-finite scores returned at evaluation. Read from the file's JSON so a report also reads results written before
/// these fields existed (they are then null).
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
    public string? PluginClosureSha256 => Components?["plugin"]?["closureSha256"]?.GetValue<string>();

    public static RunEvidence Of(JsonObject result)
    {
        var fingerprint = result["fingerprint"] as JsonObject;
        var provenance = result["provenance"] as JsonObject;
        var stages = (result["stages"] as JsonArray ?? []).Select(s => s as JsonObject).ToList();
        return new RunEvidence(
            Text(fingerprint?["cell"]),
            Text(fingerprint?["group"]),
            fingerprint?["components"] as JsonObject,
            result["audited"]?.GetValue<bool>(),
            Int(result["resumedAtTask"]),
            Int(result["overBudgetAtTask"]),
            Text(result["overBudgetReason"]),
            Text(result["baseModel"]?["sha256"]),
            Text(provenance?["harnessSha256"]),
            Text(provenance?["gitCommit"]),
            stages.Select(s => Long(s?["trainImages"])).ToList(),
            stages.Select(s => Long(s?["nonFiniteScores"])).ToList());
    }

    private static string? Text(JsonNode? n) => n?.GetValue<string>();
    private static int? Int(JsonNode? n) => n?.GetValue<int>();
    private static long? Long(JsonNode? n) => n?.GetValue<long>();
}
