namespace CilBench.Core.Protocols;

/// <summary>One resolved point of a protocol's budget ladder.</summary>
public sealed record BudgetPoint(
    string Name,
    MemoryPolicy Policy,
    int? TotalExemplars,
    int? PerClass,
    long? Bytes,
    IReadOnlyDictionary<string, int>? ExemplarsByMethod,
    IReadOnlyDictionary<string, string>? Backbones)
{
    public const double BytesPerMegabyte = 1 << 20;

    /// <summary>The total exemplar count for a method under the `exemplars` policy ("*" is the fallback).</summary>
    public int ExemplarsFor(string method) =>
        ExemplarsByMethod is null ? throw new InvalidOperationException($"budget point '{Name}' has no per-method exemplar counts")
        : ExemplarsByMethod.TryGetValue(method, out var n) || ExemplarsByMethod.TryGetValue("*", out n) ? n
        : throw new ProtocolException($"budget point '{Name}' gives no exemplar count for method '{method}' (and no \"*\")");

    /// <summary>The backbone this point assigns to a method, if the point assigns backbones.</summary>
    public string? BackboneFor(string method) =>
        Backbones is null ? null
        : Backbones.TryGetValue(method, out var b) || Backbones.TryGetValue("*", out b) ? b
        : null;
}
