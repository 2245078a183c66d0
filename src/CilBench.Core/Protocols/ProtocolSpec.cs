using System.Text.Json;
using System.Text.Json.Serialization;

namespace CilBench.Core.Protocols;

// The JSON shape of protocols/*.json, as written by people. Unknown fields are rejected (ProtocolLoader);
// ProtocolValidator checks meaning, and Protocol is the resolved form the runner uses.

/// <summary>A protocol file.</summary>
public sealed record ProtocolSpec
{
    public required string Name { get; init; }
    public string? Description { get; init; }
    public required DatasetSpec Dataset { get; init; }
    /// <summary>Either an explicit list of class ids or {"seed": N} (numpy's legacy permutation, as PyCIL).</summary>
    public required JsonElement ClassOrder { get; init; }
    public required int InitialClasses { get; init; }
    public required int Increment { get; init; }
    /// <summary>
    /// "coarse": one task per coarse class of the dataset (CIFAR-100's superclasses), tasks in the order their first
    /// class appears in the class order; <see cref="InitialClasses"/> and <see cref="Increment"/> must be the group size.
    /// </summary>
    public string? TasksBy { get; init; }
    public AugmentationSettings Augmentation { get; init; } = new();
    public required MemorySpec Memory { get; init; }
    /// <summary>Hyper-parameter overrides for every method (e.g. backbone, epochs).</summary>
    public JsonElement? Recipe { get; init; }
    /// <summary>Hyper-parameter overrides per method name; applied after <see cref="Recipe"/>.</summary>
    public Dictionary<string, JsonElement> Methods { get; init; } = [];
    public required int[] Seeds { get; init; }
    public EvaluationSpec Evaluation { get; init; } = new();
    /// <summary>
    /// "shared": the first task is trained once per backbone, seed and first-task recipe, and every method that
    /// starts from a plain backbone loads that model (MEMO's and GRACE's common task-0 checkpoint). Null: each method
    /// trains its own first task.
    /// </summary>
    public string? BaseModel { get; init; }
    /// <summary>CUDA numerics switches for every cell; absent: all off (float32 as on the CPU). No effect on the CPU.</summary>
    public BackendSpec? Backends { get; init; }
    /// <summary>Figures a method's paper or reference code reports for this protocol, per method name.</summary>
    public Dictionary<string, PublishedFigures> Published { get; init; } = [];
}

public sealed record DatasetSpec
{
    /// <summary>Catalog name: fmnist, mnist, cifar10, cifar100.</summary>
    public required string Name { get; init; }
    /// <summary>Directory of the official files; null means the dataset's default location.</summary>
    public string? Path { get; init; }
    /// <summary>Keep only the first N training / test samples of each class (quick protocols).</summary>
    public SubsetSpec? Subset { get; init; }
}

public sealed record SubsetSpec
{
    public int? TrainPerClass { get; init; }
    public int? TestPerClass { get; init; }
}

/// <summary>Training augmentation and normalisation (PyCIL's CIFAR-100: crop padding 4, flip, brightness 63/255).</summary>
public sealed record AugmentationSettings
{
    public int CropPadding { get; init; }
    public bool Flip { get; init; }
    public double Brightness { get; init; }
    public double[]? Mean { get; init; }
    public double[]? Std { get; init; }
}

public sealed record MemorySpec
{
    /// <summary>fixed-total, per-class, budget or exemplars (see docs and DESIGN.md).</summary>
    public required string Policy { get; init; }
    public required BudgetPointSpec[] Points { get; init; }
}

/// <summary>One point of a budget ladder; which fields apply depends on the policy.</summary>
public sealed record BudgetPointSpec
{
    public required string Name { get; init; }
    /// <summary>fixed-total: total exemplars (PyCIL memory_size).</summary>
    public int? Exemplars { get; init; }
    /// <summary>per-class: exemplars per class (PyCIL fixed_memory).</summary>
    public int? PerClass { get; init; }
    /// <summary>budget / exemplars: the memory budget in MB (2^20 bytes).</summary>
    public double? Megabytes { get; init; }
    /// <summary>budget / exemplars: the memory budget in exact bytes (instead of <see cref="Megabytes"/>).</summary>
    public long? Bytes { get; init; }
    /// <summary>exemplars: total exemplars per method name ("*" for any other method).</summary>
    public Dictionary<string, int>? ExemplarsByMethod { get; init; }
    /// <summary>Backbone per method name at this point ("*" for any other method), as MEMO's aligned ladder.</summary>
    public Dictionary<string, string>? Backbones { get; init; }
}

/// <summary>
/// How CUDA computes (torch.backends): off by default, so GPU runs stay float32 like PyCIL's CPU-checked reference.
/// </summary>
public sealed record BackendSpec
{
    /// <summary>Deterministic cuDNN algorithms and no benchmarking (cudnn.deterministic = True, benchmark = False).</summary>
    public bool Deterministic { get; init; }
    /// <summary>cuDNN times its algorithms per input shape and keeps the fastest (cudnn.benchmark); not deterministic.</summary>
    public bool CudnnBenchmark { get; init; }
    /// <summary>TF32 tensor cores for float32 convolutions and matrix products (Ampere and later): faster, ~10-bit mantissa.</summary>
    public bool Tf32 { get; init; }

    /// <summary>Why these switches cannot be used together, or null.</summary>
    public string? Problem() => Deterministic && CudnnBenchmark
        ? "deterministic and cudnnBenchmark exclude each other (benchmarking picks algorithms by timing)"
        : null;
}

public sealed record EvaluationSpec
{
    public int BatchSize { get; init; } = 256;
}

internal static class ProtocolJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
