using System.Text.Json.Nodes;

namespace CilBench.Reports.Aggregation;

/// <summary>Names the fingerprint components in which the seed groups of one cell differ, for the mismatch listing.</summary>
public static class FingerprintDifferences
{
    // The seed differs between seeds by design, and the shared base model is derived from it.
    private static readonly HashSet<string> PerSeed = ["seed", "baseModel"];

    /// <summary>The components not equal in every group, in the order the first group lists them.</summary>
    public static IReadOnlyList<string> Components(IReadOnlyList<JsonObject> groups) =>
        groups.SelectMany(c => c.Select(kv => kv.Key)).Distinct()
            .Where(k => !PerSeed.Contains(k) && groups.Skip(1).Any(c => !JsonNode.DeepEquals(c[k], groups[0][k])))
            .ToList();

    /// <summary>
    /// One line per the groups (each a list of runs with one fingerprint group): "seeds 1, 2 | seed 3 differ in threads
    /// (1 | 2), hyperParameters; not averaged together". Short values are shown per group, long ones only named.
    /// </summary>
    public static string Describe(IReadOnlyList<IReadOnlyList<LoadedRun>> groups)
    {
        var components = groups.Select(g => g[0].Evidence.Components ?? new JsonObject()).ToList();
        var names = Components(components);
        var seeds = string.Join(" | ", groups.Select(g => (g.Count == 1 ? "seed " : "seeds ") + string.Join(", ", g.Select(r => r.Result.Seed))));
        var what = names.Count == 0
            ? "have different fingerprint groups"
            : "differ in " + string.Join(", ", names.Select(n =>
            {
                var values = components.Select(c => c[n]?.ToJsonString() ?? "null").ToList();
                return values.Sum(v => v.Length) <= 80 ? $"{n} ({string.Join(" | ", values)})" : n;
            }));
        return $"{seeds} {what}; not averaged together";
    }
}
