using System.Text.Json.Nodes;
using CilBench.Core.Fingerprints;

namespace CilBench.Core.Results;

// The result of one run (one cell: protocol x method x budget point x seed). docs/results-format.md defines every
// field; this file is the schema in code. Accuracies are percentages.

public sealed record RunResult
{
    public const string CurrentFormat = "cilbench-result/2";

    public string Format { get; init; } = CurrentFormat;
    public required ProtocolInfo Protocol { get; init; }
    public required MethodInfo Method { get; init; }
    public required BudgetInfo Budget { get; init; }
    public required int Seed { get; init; }
    public required string Device { get; init; }
    public required string Backbone { get; init; }
    public required List<StageResult> Stages { get; init; }
    /// <summary>Per head: average incremental accuracy, last accuracy, forgetting, BWT.</summary>
    public required Dictionary<string, HeadSummary> Summary { get; init; }
    public required Provenance Provenance { get; init; }
    /// <summary>What produced this result: every input that can change it, hashed (see <see cref="CellFingerprint"/>).</summary>
    public required CellFingerprint Fingerprint { get; init; }
    /// <summary>True when every stage passed the restart audit and the run went on with the reloaded learner.</summary>
    public required bool Audited { get; init; }
    /// <summary>The first task this process ran after resuming from a checkpoint; null when it ran from the start.</summary>
    public int? ResumedAtTask { get; init; }
    /// <summary>
    /// The task at which the model outgrew the budget: the result is partial, its stages are the tasks before it.
    /// Null for a complete run.
    /// </summary>
    public int? OverBudgetAtTask { get; init; }
    /// <summary>Why the run stopped at <see cref="OverBudgetAtTask"/>.</summary>
    public string? OverBudgetReason { get; init; }
    /// <summary>The shared first-task model the learner started from (protocol <c>baseModel: "shared"</c>), if any.</summary>
    public BaseModelInfo? BaseModel { get; init; }
}

/// <summary>A shared first-task model: its file's SHA-256, the key of what it was trained from, its backbone.</summary>
public sealed record BaseModelInfo(string Sha256, string Key, string Backbone);

public sealed record ProtocolInfo
{
    public required string Name { get; init; }
    public string? File { get; init; }
    public required string Sha256 { get; init; }
    public required string Policy { get; init; }
    public required List<int> ClassOrder { get; init; }
    public required List<int[]> Tasks { get; init; }
    public required DatasetInfoRecord Dataset { get; init; }
}

public sealed record DatasetInfoRecord
{
    public required string Name { get; init; }
    public required string Input { get; init; }
    public required int TrainSamples { get; init; }
    public required int TestSamples { get; init; }
    /// <summary>Each source file and its SHA-256.</summary>
    public required Dictionary<string, string> Files { get; init; }
}

public sealed record MethodInfo
{
    public required string Name { get; init; }
    public required string Version { get; init; }
    public required string Paper { get; init; }
    public required string File { get; init; }
    public required string Sha256 { get; init; }
    /// <summary>True for reference rows outside the budget (joint training).</summary>
    public bool Reference { get; init; }
    public required JsonObject HyperParameters { get; init; }
}

public sealed record BudgetInfo
{
    public required string Name { get; init; }
    public required string Policy { get; init; }
    /// <summary>budget policy: the byte limit (model + exemplars); exemplars policy: the nominal budget, if given.</summary>
    public long? Bytes { get; init; }
    /// <summary>fixed-total and exemplars policies: the total exemplar count.</summary>
    public int? Exemplars { get; init; }
    public int? PerClass { get; init; }
}

public sealed record StageResult
{
    public required int Task { get; init; }
    /// <summary>Classes seen after this task.</summary>
    public required int ClassesSeen { get; init; }
    /// <summary>Original class ids learned in this task.</summary>
    public required int[] NewClasses { get; init; }
    /// <summary>Per head, in the learner's order (primary first).</summary>
    public required Dictionary<string, HeadResult> Heads { get; init; }
    public required MemoryUsage Memory { get; init; }
    public required StageSeconds Seconds { get; init; }
    /// <summary>Images the harness served to the learner during Learn (every epoch, every pass): the stage's compute.</summary>
    public required long TrainImages { get; init; }
    /// <summary>Test images evaluated after the task (every seen class); with <see cref="StageSeconds.Eval"/>, the evaluation's throughput.</summary>
    public required long EvalImages { get; init; }
    /// <summary>Non-finite scores the learner returned at evaluation, all heads; above zero the run diverged.</summary>
    public required long NonFiniteScores { get; init; }
    public List<StageEventRecord> Events { get; init; } = [];
}

public sealed record HeadResult
{
    /// <summary>Top-1 over all seen classes (task-agnostic).</summary>
    public required double Top1 { get; init; }
    public required double Top5 { get; init; }
    /// <summary>Top-1 with scores restricted to the true task's classes.</summary>
    public required double TaskAware { get; init; }
    /// <summary>Top-1 on test samples of classes from earlier tasks (null at task 0).</summary>
    public double? Old { get; init; }
    /// <summary>Top-1 on test samples of this task's classes.</summary>
    public required double New { get; init; }
    /// <summary>Top-1 on each task's classes so far: row of the accuracy matrix.</summary>
    public required double[] AccuracyMatrixRow { get; init; }
}

public sealed record MemoryUsage
{
    public required long ParameterBytes { get; init; }
    public required long BufferBytes { get; init; }
    /// <summary>UTF-8 bytes of the learner state's JSON info: counted as model memory like any tensor.</summary>
    public required long InfoBytes { get; init; }
    /// <summary>Backbone parameters only (MEMO's model-size figure).</summary>
    public required long BackboneParameterBytes { get; init; }
    public required long ExemplarBytes { get; init; }
    /// <summary>Parameters + buffers + info + exemplars.</summary>
    public required long TotalBytes { get; init; }
    public required int Exemplars { get; init; }
    /// <summary>Exemplars the memory could hold at this stage.</summary>
    public required int Capacity { get; init; }
}

public sealed record StageSeconds
{
    public required double Train { get; init; }
    public required double Memory { get; init; }
    public required double Eval { get; init; }
}

public sealed record StageEventRecord(string Kind, JsonObject Data);

public sealed record HeadSummary
{
    public required double AverageIncrementalAccuracy { get; init; }
    public required double LastAccuracy { get; init; }
    public required double Forgetting { get; init; }
    public required double Bwt { get; init; }
    public required double AverageTaskAware { get; init; }
}

public sealed record Provenance
{
    public required string HarnessVersion { get; init; }
    /// <summary>SHA-256 over the harness's own binaries (see <see cref="HarnessBuild"/>).</summary>
    public required string HarnessSha256 { get; init; }
    /// <summary>The git commit the harness was built from, when known.</summary>
    public string? GitCommit { get; init; }
    public required string ContractVersion { get; init; }
    public required string LibtorchVersion { get; init; }
    public required string Runtime { get; init; }
    public required string Os { get; init; }
    public required string Machine { get; init; }
    public required int Threads { get; init; }
    public required DateTime StartedUtc { get; init; }
    public required DateTime FinishedUtc { get; init; }
    public required double WallSeconds { get; init; }
    public required string CommandLine { get; init; }
}
