using System.Text.Json;
using System.Text.Json.Nodes;
using CilBench.Abstractions;
using CilBench.Core.Fingerprints;
using CilBench.Core.Results;
using CilBench.Torch;
using CilBench.Torch.Serialization;

namespace CilBench.Core.Runner;

/// <summary>
/// A cell's state after a stage, in one safetensors file: the learner's state ("learner.*"), the exemplar memory
/// ("memory.&lt;class&gt;", uint8) and, in the metadata, the learner's info, tensor kinds, the stages so far, the cell's
/// fingerprint (a resume from another setup is refused) and whether every stage so far passed the restart audit.
/// </summary>
public sealed class Checkpoint : IDisposable
{
    private const string LearnerPrefix = "learner.", MemoryPrefix = "memory.";

    public required int CompletedTasks { get; init; }
    public required LearnerState Learner { get; init; }
    public required Dictionary<int, Tensor> Memory { get; init; }
    public required List<StageResult> Stages { get; init; }
    public required CellFingerprint Fingerprint { get; init; }
    public required bool Audited { get; init; }

    public static void Save(string path, int completedTasks, LearnerState learner, IReadOnlyDictionary<int, Tensor> memory, List<StageResult> stages,
        CellFingerprint fingerprint, bool audited)
    {
        var tensors = new Dictionary<string, Tensor>();
        var kinds = new JsonObject();
        foreach (var (name, e) in learner.Tensors)
        {
            tensors[LearnerPrefix + name] = e.Tensor;
            kinds[name] = e.Kind == StateKind.Buffer ? "buffer" : e.Backbone ? "backbone" : "parameter";
        }
        foreach (var (c, images) in memory) tensors[MemoryPrefix + c] = images;
        var metadata = new Dictionary<string, string>
        {
            ["completedTasks"] = completedTasks.ToString(),
            ["info"] = learner.Info.ToJsonString(),
            ["kinds"] = kinds.ToJsonString(),
            ["stages"] = JsonSerializer.Serialize(stages, ResultJson.Options),
            ["fingerprint"] = JsonSerializer.Serialize(fingerprint, ResultJson.Options),
            ["audited"] = audited ? "true" : "false",
        };
        AtomicFile.WriteAllBytes(path, SafeTensors.Serialize(tensors, metadata));
    }

    /// <summary>Only the fingerprint, read from the header (the sweep's check of a cell's checkpoint).</summary>
    public static CellFingerprint? ReadFingerprint(string path) =>
        SafeTensors.ReadMetadata(path).TryGetValue("fingerprint", out var json)
            ? JsonSerializer.Deserialize<CellFingerprint>(json, ResultJson.Options)
            : null;

    public static Checkpoint Load(string path)
    {
        var (tensors, metadata) = SafeTensors.Load(path);
        try
        {
            string Meta(string key) => metadata.TryGetValue(key, out var v) ? v : throw new FormatException($"{path}: checkpoint metadata lacks '{key}'");
            var kinds = JsonNode.Parse(Meta("kinds"))!.AsObject();
            var learner = new LearnerState { Info = JsonNode.Parse(Meta("info"))!.AsObject() };
            var memory = new Dictionary<int, Tensor>();
            foreach (var (name, t) in tensors)
            {
                if (name.StartsWith(LearnerPrefix, StringComparison.Ordinal))
                {
                    var key = name[LearnerPrefix.Length..];
                    var kind = kinds[key]?.GetValue<string>() ?? throw new FormatException($"{path}: no kind recorded for '{key}'");
                    learner.Add(key, t, kind == "buffer" ? StateKind.Buffer : StateKind.Parameter, kind == "backbone");
                }
                else if (name.StartsWith(MemoryPrefix, StringComparison.Ordinal) && int.TryParse(name.AsSpan(MemoryPrefix.Length), out var c))
                    memory[c] = t;
                else throw new FormatException($"{path}: unexpected tensor '{name}'");
            }
            return new Checkpoint
            {
                CompletedTasks = int.Parse(Meta("completedTasks")),
                Learner = learner,
                Memory = memory,
                Stages = JsonSerializer.Deserialize<List<StageResult>>(Meta("stages"), ResultJson.Options)!,
                Fingerprint = JsonSerializer.Deserialize<CellFingerprint>(Meta("fingerprint"), ResultJson.Options)
                    ?? throw new FormatException($"{path}: checkpoint fingerprint is null"),
                Audited = Meta("audited") == "true",
            };
        }
        catch
        {
            foreach (var t in tensors.Values) t.Dispose();
            throw;
        }
    }

    /// <summary>A learner state round-tripped through the checkpoint format (for the restart audit).</summary>
    public static LearnerState RoundTrip(LearnerState state)
    {
        var tensors = state.Tensors.ToDictionary(kv => kv.Key, kv => kv.Value.Tensor);
        var (loaded, _) = SafeTensors.Deserialize(SafeTensors.Serialize(tensors));
        var copy = new LearnerState { Info = (JsonObject)state.Info.DeepClone() };
        foreach (var (name, e) in state.Tensors)
            copy.Add(name, loaded[name].to(e.Tensor.device).DetachFromDisposeScope(), e.Kind, e.Backbone);
        foreach (var t in loaded.Values) t.Dispose();
        return copy;
    }

    /// <summary>Frees the loaded learner tensors that were not taken over, and the memory tensors.</summary>
    public void Dispose()
    {
        foreach (var e in Learner.Tensors.Values) e.Tensor.Dispose();
        foreach (var t in Memory.Values) t.Dispose();
    }
}
