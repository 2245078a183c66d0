using CilBench.Core.Protocols;

namespace CilBench.Core.Checks;

/// <summary>
/// <see cref="ContractCheck.Budget"/>: at every stage the model the harness counted is the state the probe found when
/// the stage was evaluated (the learner did not grow after it was measured), the memory stayed within its capacity,
/// and under a byte budget model + exemplars stayed within it. Reference methods are outside the budget by design.
/// </summary>
internal static class BudgetCheck
{
    public static CheckResult Judge(CheckEvidence e)
    {
        if (e.Prejudge(ContractCheck.Budget) is { } verdict) return verdict;
        var bytes = e.Point is { Policy: MemoryPolicy.Budget, Bytes: { } b } && !e.Method.Method.IsReference ? b : (long?)null;
        foreach (var (label, run) in e.Runs)
        {
            var stages = run.Result!.Stages;
            for (var i = 0; i < stages.Count; i++)
            {
                var memory = stages[i].Memory;
                var counted = memory.TotalBytes - memory.ExemplarBytes;
                var held = run.Probe.Stages[i].Bytes.Total;
                if (held != counted)
                    return Fail($"{label}task {i}: the harness counted {counted:N0} model bytes, but the state evaluated held {held:N0}: the learner changed its state after it was measured");
                if (memory.Exemplars > memory.Capacity)
                    return Fail($"{label}task {i}: {memory.Exemplars} exemplars stored, over the capacity of {memory.Capacity}");
                if (bytes is { } budget && memory.TotalBytes > budget)
                    return Fail($"{label}task {i}: model {counted:N0} + exemplars {memory.ExemplarBytes:N0} = {memory.TotalBytes:N0} bytes, over the budget of {budget:N0}");
            }
        }
        var all = e.First.Result!.Stages;
        var peak = all.MaxBy(s => s.Memory.TotalBytes)!;
        var used = $"at most {peak.Memory.TotalBytes:N0} bytes (task {peak.Task}: model {peak.Memory.TotalBytes - peak.Memory.ExemplarBytes:N0} + {peak.Memory.Exemplars} exemplars)";
        return CheckResult.Pass(ContractCheck.Budget, bytes is { } limit
            ? $"budget {limit:N0} bytes: {used}; the model counted is the state evaluated at every stage"
            : $"{(e.Method.Method.IsReference ? "a reference, outside the budget" : $"policy {e.Point.Policy.Name()}")}: {used}; the model counted is the state evaluated at every stage");

        static CheckResult Fail(string message) => CheckResult.Fail(ContractCheck.Budget, message);
    }
}
