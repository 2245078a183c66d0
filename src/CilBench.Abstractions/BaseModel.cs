using CilBench.Torch;

namespace CilBench.Abstractions;

/// <summary>
/// A first-task model the harness trained once and shares with every method of a protocol that asks for it
/// (<c>baseModel: "shared"</c>), as MEMO's code and GRACE's <c>pretrain_path</c> load one task-0 checkpoint for all
/// methods: a plain backbone and a linear classifier trained with cross-entropy on the first task, with the run's
/// backbone, seed and first-task recipe. A method that uses it (<see cref="IMethod.UsesBaseModel"/>) loads it in its
/// first <see cref="IIncrementalLearner.Learn"/> instead of training, so every method starts the second task from the
/// same model.
/// </summary>
public sealed class BaseModel
{
    /// <summary>SHA-256 of the stored model file (results record it).</summary>
    public required string Sha256 { get; init; }

    /// <summary>The backbone's registry name (e.g. "resnet32").</summary>
    public required string Backbone { get; init; }

    /// <summary>Classes of the first task, the classifier's outputs.</summary>
    public required int Classes { get; init; }

    /// <summary>
    /// The backbone's state as "backbone.&lt;name&gt;" and the classifier's as "fc.weight" and "fc.bias", on the run's
    /// device. The harness owns these tensors for the whole run: copy what you keep (load_state_dict does).
    /// </summary>
    public required IReadOnlyDictionary<string, Tensor> Tensors { get; init; }

    /// <summary>The tensors under a name prefix, with the prefix removed (for Module.load_state_dict).</summary>
    public Dictionary<string, Tensor> WithPrefix(string prefix) =>
        Tensors.Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary(kv => kv.Key[prefix.Length..], kv => kv.Value);
}
