using CilBench.Abstractions;
using CilBench.Core.Protocols;
using CilBench.Core.Runner;
using CilBench.Core.Scenario;

namespace CilBench.Core.Memory;

/// <summary>
/// A cell's memory policy, applied (DESIGN.md, "Memory: what is counted"): the exemplar capacity per policy, the fill
/// of memory after each task from the learner's ranking, the re-plan loop under a byte budget, and the checks that
/// the learner left the memory as the harness planned it. The runner calls only this.
/// </summary>
public sealed class MemoryPlanner(BudgetPoint point, IMethod method, long bytesPerExemplar)
{
    /// <summary>The byte limit on model + exemplars, or null when the policy sets none (or the method is a reference).</summary>
    public long? Limit => !method.IsReference && point.Policy == MemoryPolicy.Budget ? point.Bytes : null;

    /// <summary>Before training: under a byte budget the new learner's state must fit on its own.</summary>
    /// <exception cref="OverBudgetException">It does not.</exception>
    public void CheckNewModel(StateBytes model)
    {
        if (Limit is { } budget && model.Total > budget)
            throw new OverBudgetException(
                $"{method.Name}'s model takes {model} before any training, over the budget '{point.Name}' of {budget:N0} bytes");
    }

    /// <summary>The capacity after a stage with <paramref name="seenClasses"/> classes and a model of <paramref name="model"/>.</summary>
    /// <exception cref="OverBudgetException">Under a byte budget, the model alone exceeds it.</exception>
    public CapacityPlan Plan(int seenClasses, StateBytes model)
    {
        if (seenClasses <= 0) throw new ArgumentOutOfRangeException(nameof(seenClasses));
        if (method.IsReference) return CapacityPlan.Unbounded;
        int capacity;
        switch (point.Policy)
        {
            case MemoryPolicy.FixedTotal:
                capacity = point.TotalExemplars!.Value;
                break;
            case MemoryPolicy.PerClass:
                return new CapacityPlan(point.PerClass!.Value * seenClasses, point.PerClass.Value);
            case MemoryPolicy.Exemplars:
                capacity = point.ExemplarsFor(method.Name);
                break;
            case MemoryPolicy.Budget:
                var budget = point.Bytes!.Value;
                if (model.Total > budget)
                    throw new OverBudgetException($"{method.Name}'s model takes {model}, over the budget '{point.Name}' of {budget:N0} bytes");
                capacity = (int)Math.Min(int.MaxValue, (budget - model.Total) / bytesPerExemplar);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(point), point.Policy, "unknown memory policy");
        }
        return new CapacityPlan(capacity, capacity / seenClasses);
    }

    /// <summary>
    /// After a task: old classes keep their ranked prefix within the new quota, new classes get the learner's
    /// top-ranked candidates, the learner is told (<see cref="IIncrementalLearner.MemoryUpdated"/>). State added then
    /// (e.g. NME class means) counts too: under a byte budget the exemplars give way to it, planned again from the grown
    /// model until model + exemplars fit. Each round lowers the quota (the previous one would have fitted), so this ends,
    /// at the latest when the model alone exceeds the budget and <see cref="Plan"/> refuses it.
    /// </summary>
    public (CapacityPlan Plan, StateBytes Model) Update(IIncrementalLearner learner, ExemplarMemory memory, DataView newData, int known, int total)
    {
        var plan = Plan(total, StateBytes.Of(learner.State()));
        Fill(learner, memory, newData, known, total, plan.PerClass);
        var model = Notify(learner, memory);
        while (Limit is { } budget && model.Total + memory.Bytes > budget)
        {
            plan = Plan(total, model);
            memory.Shrink(plan.PerClass);
            model = Notify(learner, memory);
        }
        return (plan, model);
    }

    private StateBytes Notify(IIncrementalLearner learner, ExemplarMemory memory)
    {
        var seal = memory.Seal();
        learner.MemoryUpdated(memory.View);
        seal.Check(method.Name, "MemoryUpdated");
        return StateBytes.Of(learner.State());
    }

    private void Fill(IIncrementalLearner learner, ExemplarMemory memory, DataView newData, int known, int total, int perClass)
    {
        memory.Shrink(perClass);
        if (perClass == 0) return;
        var candidates = Enumerable.Range(known, total - known)
            .Select(c => (IDataView)newData.OfClass(c))
            .Select((view, i) => new ClassCandidates(known + i, view, Math.Min(perClass, view.Count)))
            .ToList();
        var seal = memory.Seal();
        var ranking = learner.RankExemplars(new ExemplarRequest(candidates));
        seal.Check(method.Name, "RankExemplars");
        foreach (var c in candidates)
        {
            if (!ranking.Ranked.TryGetValue(c.ClassIndex, out var ranked))
                throw new LearnerContractException($"{method.Name} did not rank the candidates of class {c.ClassIndex}");
            if (ranked.Distinct().Count() != ranked.Length)
                throw new LearnerContractException($"{method.Name}'s ranking of class {c.ClassIndex} repeats a candidate");
            foreach (var p in ranked.Where(p => p < 0 || p >= c.Candidates.Count).Take(1))
                throw new LearnerContractException(
                    $"{method.Name}'s ranking of class {c.ClassIndex} names position {p}, outside its {c.Candidates.Count} candidates");
            // A learner may propose fewer than wanted (finetune proposes none); the harness keeps what fits.
            var chosen = (DataView)c.Candidates.Subset(ranked[..Math.Min(c.Wanted, ranked.Length)]);
            memory.Set(c.ClassIndex, chosen.GatherImages());
        }
    }
}
