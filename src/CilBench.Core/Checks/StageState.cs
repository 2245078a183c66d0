using System.Security.Cryptography;
using CilBench.Abstractions;
using CilBench.Core.Memory;

namespace CilBench.Core.Checks;

/// <summary>A learner's state at one stage, as digests: enough to tell two runs or two moments apart, tensor by tensor.</summary>
/// <param name="Task">The stage.</param>
/// <param name="Bytes">The state's bytes, as the harness counts them.</param>
/// <param name="Digests">SHA-256 of each tensor's dtype, shape and bytes, by name.</param>
/// <param name="Info">The state's info as JSON text.</param>
internal sealed record StageState(int Task, StateBytes Bytes, IReadOnlyDictionary<string, string> Digests, string Info)
{
    public static StageState Of(int task, LearnerState state) => new(
        task,
        StateBytes.Of(state),
        state.Tensors.ToDictionary(kv => kv.Key, kv => Digest(kv.Value), StringComparer.Ordinal),
        state.Info.ToJsonString());

    private static string Digest(StateEntry entry)
    {
        var t = entry.Tensor;
        var header = System.Text.Encoding.UTF8.GetBytes($"{t.dtype} [{string.Join(",", t.shape)}] {entry.Kind}:");
        return Convert.ToHexStringLower(SHA256.HashData([.. header, .. t.bytes()]));
    }

    /// <summary>How <paramref name="other"/> differs from this state, in words; null when it does not.</summary>
    public string? Difference(StageState other)
    {
        foreach (var name in Digests.Keys.Union(other.Digests.Keys).Order(StringComparer.Ordinal))
        {
            if (!other.Digests.TryGetValue(name, out var theirs)) return $"tensor '{name}' is gone";
            if (!Digests.TryGetValue(name, out var ours)) return $"tensor '{name}' appeared";
            if (ours != theirs) return $"tensor '{name}' differs";
        }
        return Info == other.Info ? null : $"info differs ({Info} vs {other.Info})";
    }
}
