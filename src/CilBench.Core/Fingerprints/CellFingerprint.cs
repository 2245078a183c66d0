using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace CilBench.Core.Fingerprints;

/// <summary>
/// Everything that can change a cell's result, and two hashes of it: <see cref="Cell"/> over all of it, and
/// <see cref="Group"/> over all but the seed (and what is derived from the seed, the shared base model). Resume and
/// the sweep's skip compare <see cref="Cell"/>; reports average only seeds with the same <see cref="Group"/>.
/// </summary>
/// <param name="Cell">SHA-256 (hex) of the canonical JSON of <paramref name="Components"/>.</param>
/// <param name="Group">SHA-256 (hex) of the same without the seed and the base model.</param>
/// <param name="Components">The inputs, as recorded in results and checkpoints.</param>
public sealed record CellFingerprint(string Cell, string Group, FingerprintComponents Components)
{
    /// <summary>Hashes the components.</summary>
    public static CellFingerprint Of(FingerprintComponents components)
    {
        var all = components.ToJson();
        var group = (JsonObject)all.DeepClone();
        group.Remove("seed");
        group.Remove("baseModel");
        return new CellFingerprint(Hash(all), Hash(group), components);
    }

    /// <summary>The names of the components that differ from <paramref name="other"/>'s, in a fixed order.</summary>
    public IReadOnlyList<string> Differences(CellFingerprint other)
    {
        var mine = Components.ToJson();
        var theirs = other.Components.ToJson();
        return mine.Select(kv => kv.Key).Union(theirs.Select(kv => kv.Key))
            .Where(k => CanonicalJson.Write(mine[k]) != CanonicalJson.Write(theirs[k]))
            .ToList();
    }

    /// <summary>One line naming what differs, with both values where they are short.</summary>
    public string Describe(CellFingerprint other)
    {
        var mine = Components.ToJson();
        var theirs = other.Components.ToJson();
        return string.Join("; ", Differences(other).Select(k =>
        {
            var (a, b) = (CanonicalJson.Write(mine[k]), CanonicalJson.Write(theirs[k]));
            return a.Length + b.Length <= 160 ? $"{k}: {a} here, {b} there" : $"{k} differs";
        }));
    }

    private static string Hash(JsonNode node) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(CanonicalJson.Write(node))));
}
