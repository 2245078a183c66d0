using System.Text.Json.Nodes;
using CilBench.Torch;

namespace CilBench.Abstractions;

/// <summary>What a tensor in a learner's state is, for memory accounting.</summary>
public enum StateKind
{
    /// <summary>A learned parameter (counted as parameter bytes).</summary>
    Parameter,

    /// <summary>Saved but not learned: BN running statistics, class means (counted as buffer bytes).</summary>
    Buffer,
}

/// <summary>One named tensor of a learner's state.</summary>
/// <param name="Tensor">The tensor (the state holds a reference; the learner still owns it).</param>
/// <param name="Kind">Parameter or buffer.</param>
/// <param name="Backbone">True for backbone parameters (MEMO's model-size figure counts only these).</param>
public sealed record StateEntry(Tensor Tensor, StateKind Kind, bool Backbone = false);

/// <summary>
/// Every tensor a learner keeps between tasks, plus the JSON bookkeeping needed to rebuild its architecture
/// (e.g. the number of specialized blocks). Counted as model memory and written to checkpoints (safetensors).
/// </summary>
public sealed class LearnerState
{
    /// <summary>Tensors by dotted name.</summary>
    public Dictionary<string, StateEntry> Tensors { get; } = new(StringComparer.Ordinal);

    /// <summary>Non-tensor bookkeeping (architecture, counters), saved in the checkpoint's metadata.</summary>
    public JsonObject Info { get; init; } = [];

    /// <summary>Adds every parameter and buffer of a module under a name prefix (e.g. "backbone.").</summary>
    public LearnerState AddModule(string prefix, torch.nn.Module module, bool backbone = false)
    {
        foreach (var (name, p) in module.named_parameters()) Tensors[prefix + name] = new StateEntry(p, StateKind.Parameter, backbone);
        foreach (var (name, b) in module.named_buffers()) Tensors[prefix + name] = new StateEntry(b, StateKind.Buffer);
        return this;
    }

    /// <summary>Adds one tensor.</summary>
    public LearnerState Add(string name, Tensor tensor, StateKind kind, bool backbone = false)
    {
        Tensors[name] = new StateEntry(tensor, kind, backbone);
        return this;
    }

    /// <summary>The tensors under a name prefix, with the prefix removed (for Module.load_state_dict).</summary>
    public Dictionary<string, Tensor> WithPrefix(string prefix) =>
        Tensors.Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal))
            .ToDictionary(kv => kv.Key[prefix.Length..], kv => kv.Value.Tensor);
}
