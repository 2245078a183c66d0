using System.Text.Json;
using CilBench.Core.Results;

namespace CilBench.Core.Checks;

/// <summary>
/// <see cref="ContractCheck.Determinism"/>: two runs of the same cell (same seed, same threads, one process) gave the
/// same state at every stage, bit for bit, and the same figures (timings aside). A method that draws from the clock,
/// a static generator or hash order fails here.
/// </summary>
internal static class DeterminismCheck
{
    public static CheckResult Judge(CheckEvidence e)
    {
        if (e.Prejudge(ContractCheck.Determinism) is { } verdict) return verdict;
        var (first, second) = (e.First, e.Second!);
        var seed = first.Result!.Seed;
        var rankingsDiffer = first.Probe.RankingDigests.Zip(second.Probe.RankingDigests)
            .Where(pair => pair.First != pair.Second).Select(pair => (int?)pair.First.Task).FirstOrDefault();
        for (var i = 0; i < first.Result.Stages.Count; i++)
        {
            if (rankingsDiffer == i)
                return Fail(seed, i, "the exemplar rankings differ");
            if (first.Probe.Stages[i].Difference(second.Probe.Stages[i]) is { } state)
                return Fail(seed, i, $"the state's {state}");
            var (a, b) = (first.Result.Stages[i], second.Result!.Stages[i]);
            foreach (var (head, x) in a.Heads)
            {
                var y = b.Heads.GetValueOrDefault(head);
                if (y is null || Json(x) != Json(y))
                    return Fail(seed, i, $"head '{head}' scored differently (top-1 {x.Top1:F2} vs {y?.Top1:F2})");
            }
            if (Json(a.Memory) != Json(b.Memory))
                return Fail(seed, i, $"the memory differs ({a.Memory.Exemplars} vs {b.Memory.Exemplars} exemplars, model {a.Memory.TotalBytes - a.Memory.ExemplarBytes:N0} vs {b.Memory.TotalBytes - b.Memory.ExemplarBytes:N0} bytes)");
            if (Json(a.Events) != Json(b.Events)) return Fail(seed, i, "the reported events differ");
        }
        return CheckResult.Pass(ContractCheck.Determinism,
            $"two runs with seed {seed}: the same state bit for bit, the same exemplar rankings and the same figures at all {first.Result.Stages.Count} stages");
    }

    private static CheckResult Fail(int seed, int task, string what) =>
        CheckResult.Fail(ContractCheck.Determinism, $"task {task}: two runs with seed {seed} differ: {what}; derive every random choice from MethodContext.Seed or TaskContext.Seed");

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, ResultJson.Options);
}
