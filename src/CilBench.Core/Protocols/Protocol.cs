using System.Text.Json;
using System.Text.Json.Nodes;

namespace CilBench.Core.Protocols;

/// <summary>A validated protocol with its class order and tasks resolved; what the runner and `protocols show` use.</summary>
public sealed class Protocol
{
    public required ProtocolSpec Spec { get; init; }

    /// <summary>The file it was read from (null when built in memory).</summary>
    public string? File { get; init; }

    /// <summary>SHA-256 of the protocol file's bytes (provenance).</summary>
    public required string Sha256 { get; init; }

    public string Name => Spec.Name;

    /// <summary>True when the first task's model is trained once and shared (<c>baseModel: "shared"</c>).</summary>
    public bool SharesBaseModel => Spec.BaseModel == "shared";

    /// <summary>Classes of the dataset in the protocol's order (original class ids).</summary>
    public required IReadOnlyList<int> ClassOrder { get; init; }

    /// <summary>Original class ids of each task, in order.</summary>
    public required IReadOnlyList<int[]> Tasks { get; init; }

    public required MemoryPolicy Policy { get; init; }

    public required IReadOnlyList<BudgetPoint> Points { get; init; }

    /// <summary>The budget point with this name; the error lists the protocol's points.</summary>
    public BudgetPoint Point(string? name)
    {
        if (name is null)
            return Points.Count == 1 ? Points[0]
                : throw new ProtocolException($"protocol '{Name}' has {Points.Count} budget points; choose one with --budget ({string.Join(", ", Points.Select(p => p.Name))})");
        return Points.FirstOrDefault(p => p.Name == name)
            ?? throw new ProtocolException($"protocol '{Name}' has no budget point '{name}' (it has {string.Join(", ", Points.Select(p => p.Name))})");
    }

    /// <summary>
    /// The method's defaults overridden by the protocol's recipe, then by its per-method overrides, then by the budget
    /// point's backbone. Keys the method does not define are errors naming the protocol field.
    /// </summary>
    public JsonObject HyperParametersFor(string method, string defaultsJson, BudgetPoint point)
    {
        JsonObject merged;
        try
        {
            merged = JsonNode.Parse(defaultsJson)?.AsObject() ?? throw new FormatException("not a JSON object");
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            throw new ProtocolException($"method '{method}' has invalid default hyper-parameters: {e.Message}", e);
        }
        Apply(merged, Spec.Recipe, "recipe", method);
        if (Spec.Methods.FirstOrDefault(kv => string.Equals(kv.Key, method, StringComparison.OrdinalIgnoreCase)) is { Key: { } key, Value: var overrides })
            Apply(merged, overrides, $"methods.{key}", method);
        if (point.BackboneFor(method) is { } backbone)
        {
            if (!merged.ContainsKey("backbone"))
                throw new ProtocolException($"{Where}: memory.points[{point.Name}].backbones assigns a backbone to '{method}', which has no 'backbone' hyper-parameter");
            merged["backbone"] = backbone;
        }
        CheckPositive(merged, method);
        return merged;
    }

    /// <summary>
    /// Every per-method key (<c>methods</c>, and each point's <c>exemplarsByMethod</c> and <c>backbones</c>; "*" aside)
    /// must name a loaded method, ignoring case: a typo would otherwise fall back to the defaults without a word.
    /// </summary>
    /// <exception cref="ProtocolException">A key names no loaded method.</exception>
    public void CheckMethodNames(IReadOnlyCollection<string> known)
    {
        var keys = Spec.Methods.Keys.Select(k => (field: $"methods.{k}", key: k))
            .Concat(Points.SelectMany((p, i) =>
                (p.ExemplarsByMethod?.Keys ?? []).Select(k => (field: $"memory.points[{i}].exemplarsByMethod.{k}", key: k))
                .Concat((p.Backbones?.Keys ?? []).Select(k => (field: $"memory.points[{i}].backbones.{k}", key: k)))));
        foreach (var (field, key) in keys)
            if (key != "*" && !known.Contains(key, StringComparer.OrdinalIgnoreCase))
                throw new ProtocolException($"{Where}: {field}: '{key}' is not a loaded method (loaded: {string.Join(", ", known)}; load others with --plugin)");
    }

    // Epoch counts, learning rates and batch sizes of zero or less make no run; they fail here, before any training.
    private void CheckPositive(JsonObject merged, string method)
    {
        foreach (var (key, value) in merged)
        {
            var name = key.ToLowerInvariant();
            if (!(name.EndsWith("epochs", StringComparison.Ordinal) || name.EndsWith("lr", StringComparison.Ordinal)
                  || name.EndsWith("batchsize", StringComparison.Ordinal))) continue;
            if (value?.GetValueKind() == JsonValueKind.Number && value.GetValue<double>() <= 0)
                throw new ProtocolException($"{Where}: hyper-parameter '{key}' of method '{method}' must be positive, got {value.ToJsonString()}");
        }
    }

    private string Where => File ?? Name;

    private void Apply(JsonObject target, JsonElement? overrides, string field, string method)
    {
        if (overrides is not { } o || o.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null) return;
        if (o.ValueKind != JsonValueKind.Object) throw new ProtocolException($"{Where}: {field} must be a JSON object");
        foreach (var p in o.EnumerateObject())
        {
            if (!target.ContainsKey(p.Name))
                throw new ProtocolException(
                    $"{Where}: {field}.{p.Name} is not a hyper-parameter of method '{method}' (it has: {string.Join(", ", target.Select(kv => kv.Key))})");
            var current = target[p.Name];
            var replacement = JsonNode.Parse(p.Value.GetRawText());
            if (current is not null && replacement is not null && Kind(current) != Kind(replacement))
                throw new ProtocolException($"{Where}: {field}.{p.Name} must be {Kind(current)} (like the default {current.ToJsonString()}), got {p.Value.GetRawText()}");
            target[p.Name] = replacement;
        }
    }

    private static string Kind(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Number => "a number",
        JsonValueKind.String => "a string",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "null",
    };
}
