using CilBench.Abstractions;
using CilBench.Core.Runner;
using CilBench.Torch;

namespace CilBench.Core.Checks;

/// <summary>
/// Passes every call through to the plugin's learner and checks what comes back: rankings and scores on every call,
/// and once per stage, at the stage's first prediction (when the state is final), the state's checkpoint round trip
/// and whether scores depend on each image alone. It never changes what the runner sees; findings go to the
/// <see cref="ProbeLog"/>, and what the learner throws is recorded and rethrown.
/// </summary>
internal sealed class ProbeLearner(IIncrementalLearner inner, ProbeLog log) : IIncrementalLearner
{
    // As the restart audit: float noise between batch layouts passes, a changed decision does not.
    private const double RelativeTolerance = 1e-4, AbsoluteTolerance = 1e-4;

    // Images predicted alone, one by one, against their scores in the whole batch.
    private const int SinglesPerStage = 4;

    public void Learn(TaskContext task)
    {
        log.TaskStarted(task);
        Call("Learn", () => inner.Learn(task));
    }

    public ExemplarRanking RankExemplars(ExemplarRequest request)
    {
        var ranking = Call("RankExemplars", () => inner.RankExemplars(request));
        log.Rankings++;
        log.ShortRankings += request.Classes.Count(c => ranking.Ranked.TryGetValue(c.ClassIndex, out var r) && r?.Length < c.Wanted);
        log.RankingDigests.Add((log.Task, Digest(ranking)));
        if (RankingProblem(request, ranking) is { } problem) log.Violation(ContractCheck.Ranking, $"task {log.Task}: {problem}");
        return ranking;
    }

    public void MemoryUpdated(IExemplarMemoryView memory) => Call("MemoryUpdated", () => inner.MemoryUpdated(memory));

    public Predictions Predict(Tensor images)
    {
        if (log.StageProbeDue) ProbeStage(images);
        var predictions = Call("Predict", () => inner.Predict(images));
        if (ScoresProblem(predictions, images.size(0)) is { } problem) log.Violation(ContractCheck.Predict, $"task {log.Task}: {problem}");
        return predictions;
    }

    public LearnerState State() => Call("State", inner.State);

    public void Load(LearnerState state) => Call("Load", () => inner.Load(state));

    public void Dispose() => inner.Dispose();

    private T Call<T>(string name, Func<T> call)
    {
        try
        {
            return call();
        }
        catch (Exception e) when (log.RecordThrow(name, e))
        {
            throw;
        }
    }

    private void Call(string name, Action call) => Call<object?>(name, () =>
    {
        call();
        return null;
    });

    private static string Digest(ExemplarRanking ranking)
    {
        var text = string.Join(";", ranking.Ranked.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key}:{string.Join(",", kv.Value ?? [])}"));
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
    }

    private static string? RankingProblem(ExemplarRequest request, ExemplarRanking ranking)
    {
        foreach (var c in request.Classes)
        {
            if (!ranking.Ranked.TryGetValue(c.ClassIndex, out var ranked)) return $"class {c.ClassIndex} was asked for but not ranked";
            if (ranked is null) return $"class {c.ClassIndex} has a null ranking";
            var count = c.Candidates.Count;
            foreach (var p in ranked)
                if (p < 0 || p >= count) return $"class {c.ClassIndex}: position {p} is outside its {count} candidates";
            var repeated = ranked.GroupBy(p => p).FirstOrDefault(g => g.Count() > 1);
            if (repeated is not null) return $"class {c.ClassIndex}: candidate {repeated.Key} is ranked {repeated.Count()} times";
        }
        var extra = ranking.Ranked.Keys.Except(request.Classes.Select(c => c.ClassIndex)).Order().ToList();
        return extra.Count > 0 ? $"classes that were not asked for were ranked ({string.Join(", ", extra)})" : null;
    }

    private string? ScoresProblem(Predictions predictions, long batch)
    {
        var names = predictions.Heads.Select(h => h.Key).ToList();
        if (names.Count == 0) return "Predict returned no head";
        log.Heads ??= names;
        if (!log.Heads.SequenceEqual(names))
            return $"the heads changed from [{string.Join(", ", log.Heads)}] to [{string.Join(", ", names)}]";
        foreach (var (head, scores) in predictions.Heads)
        {
            var shape = scores.shape;
            if (shape.Length != 2 || shape[0] != batch || shape[1] != log.SeenClasses)
                return $"head '{head}' gave scores of shape [{string.Join(", ", shape)}], expected [{batch}, {log.SeenClasses}] (images x classes seen)";
            using var scope = torch.NewDisposeScope();
            var bad = scores.isfinite().logical_not().sum().item<long>();
            if (bad > 0) return $"head '{head}' gave {bad} non-finite scores (NaN or infinity) of {scores.numel()} in a batch of {batch}";
        }
        return null;
    }

    /// <summary>The once-per-stage probes, on the batch the stage's first prediction is asked for.</summary>
    private void ProbeStage(Tensor images)
    {
        StageState before;
        try
        {
            var state = Call("State", inner.State);
            before = StageState.Of(log.Task, state);
            log.Stages.Add(before);
            if (CheckpointProblem(state) is { } problem) log.Violation(ContractCheck.State, $"task {log.Task}: {problem}");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.Stages.Add(new StageState(log.Task, new Memory.StateBytes(0, 0, 0, 0), new Dictionary<string, string>(), ""));
            log.Violation(ContractCheck.State, $"task {log.Task}: the state cannot be read or written: {e.GetType().Name}: {e.Message}");
            return;
        }

        using (torch.no_grad())
        {
            if (BatchProblem(images) is { } problem) log.Violation(ContractCheck.Predict, $"task {log.Task}: {problem}");
        }
        var after = StageState.Of(log.Task, Call("State", inner.State));
        if (before.Difference(after) is { } change)
            log.Violation(ContractCheck.Predict, $"task {log.Task}: predicting changed the state ({change})");
    }

    /// <summary>The state written to a checkpoint file and read back must be the same, tensor for tensor and bit for bit.</summary>
    private string? CheckpointProblem(LearnerState state)
    {
        var path = Path.Combine(log.WorkDirectory, $"task-{log.Task}.safetensors");
        Checkpoint.Save(path, log.Task + 1, state, new Dictionary<int, Tensor>(), [], log.Fingerprint, audited: true);
        using var loaded = Checkpoint.Load(path);
        File.Delete(path);
        var reloaded = loaded.Learner;
        foreach (var (name, entry) in state.Tensors)
        {
            if (!reloaded.Tensors.TryGetValue(name, out var back)) return $"tensor '{name}' did not come back from the checkpoint";
            if (back.Kind != entry.Kind || (entry.Kind == StateKind.Parameter && back.Backbone != entry.Backbone))
                return $"tensor '{name}' came back as {back.Kind}{(back.Backbone ? " (backbone)" : "")}, was {entry.Kind}{(entry.Backbone ? " (backbone)" : "")}";
            if (back.Tensor.dtype != entry.Tensor.dtype || !back.Tensor.shape.SequenceEqual(entry.Tensor.shape)
                || !back.Tensor.bytes().AsSpan().SequenceEqual(entry.Tensor.bytes()))
                return $"tensor '{name}' ({entry.Tensor.dtype} [{string.Join(", ", entry.Tensor.shape)}]) came back different from the checkpoint";
        }
        var info = state.Info.ToJsonString();
        return reloaded.Info.ToJsonString() == info ? null : $"the state's info came back different from the checkpoint ({info})";
    }

    /// <summary>
    /// Scores must be a function of each image alone: the same when the batch is reversed, when an image is predicted
    /// alone, and when the batch is predicted again. A learner that used the batch's composition or order (which
    /// follow the test labels), or that changed while predicting, fails here.
    /// </summary>
    private string? BatchProblem(Tensor images)
    {
        var n = images.size(0);
        using var scope = torch.NewDisposeScope();
        using var first = Call("Predict", () => inner.Predict(images));
        if (ScoresProblem(first, n) is { } invalid) return invalid;
        using var again = Call("Predict", () => inner.Predict(images));
        if (Differs(first, again, i => i) is { } repeat) return $"predicting the same batch twice gave different scores ({repeat})";
        if (n < 2) return null;
        var reversedImages = images.flip(0);
        using var reversed = Call("Predict", () => inner.Predict(reversedImages));
        if (Differs(first, reversed, t => t.flip(0)) is { } order) return $"reversing the batch changed the scores ({order})";
        for (var i = 0; i < Math.Min(n, SinglesPerStage); i++)
        {
            var row = i;
            var single = images.narrow(0, row, 1);
            using var alone = Call("Predict", () => inner.Predict(single));
            if (Differs(first, alone, t => t, row) is { } batchEffect)
                return $"image {row} predicted alone scored differently than in its batch of {n} ({batchEffect})";
        }
        return null;
    }

    /// <summary>
    /// Compares two predictions head by head: <paramref name="align"/> maps the second's scores onto the first's rows,
    /// and <paramref name="row"/>, if given, restricts the first to that row.
    /// </summary>
    private static string? Differs(Predictions expected, Predictions actual, Func<Tensor, Tensor> align, long? row = null)
    {
        if (expected.Heads.Count != actual.Heads.Count) return $"{expected.Heads.Count} heads, then {actual.Heads.Count}";
        for (var h = 0; h < expected.Heads.Count; h++)
        {
            var (name, x) = expected.Heads[h];
            if (row is { } r) x = x.narrow(0, r, 1);
            var y = align(actual.Heads[h].Value);
            if (!x.shape.SequenceEqual(y.shape)) return $"head '{name}' changed shape";
            if (!x.allclose(y, RelativeTolerance, AbsoluteTolerance))
                return $"head '{name}': max difference {(x - y).abs().max().item():G4}";
        }
        return null;
    }
}
