using CilBench.Core.Protocols;

namespace CilBench.Core.Memory;

/// <summary>How many exemplars memory may hold after a stage, and the per-class quota.</summary>
/// <param name="Capacity">Total exemplars allowed.</param>
/// <param name="PerClass">Exemplars kept per seen class (capacity / seen classes, floored, as PyCIL).</param>
public sealed record CapacityPlan(int Capacity, int PerClass)
{
    /// <summary>Reference methods (joint training) keep every sample: they are outside the budget by design.</summary>
    public static readonly CapacityPlan Unbounded = new(int.MaxValue, int.MaxValue);

    /// <summary>
    /// The plan for a stage. Under the <c>budget</c> policy capacity is floor((budget - model bytes) / bytes per
    /// exemplar), and a model that alone exceeds the budget is refused.
    /// </summary>
    public static CapacityPlan For(BudgetPoint point, string method, int seenClasses, long modelBytes, long bytesPerExemplar)
    {
        if (seenClasses <= 0) throw new ArgumentOutOfRangeException(nameof(seenClasses));
        int capacity;
        switch (point.Policy)
        {
            case MemoryPolicy.FixedTotal:
                capacity = point.TotalExemplars!.Value;
                break;
            case MemoryPolicy.PerClass:
                return new CapacityPlan(point.PerClass!.Value * seenClasses, point.PerClass.Value);
            case MemoryPolicy.Exemplars:
                capacity = point.ExemplarsFor(method);
                break;
            case MemoryPolicy.Budget:
                var budget = point.Bytes!.Value;
                if (modelBytes > budget)
                    throw new OverBudgetException(
                        $"the model alone takes {modelBytes:N0} bytes, over the budget '{point.Name}' of {budget:N0} bytes");
                capacity = (int)Math.Min(int.MaxValue, (budget - modelBytes) / bytesPerExemplar);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(point), point.Policy, "unknown memory policy");
        }
        return new CapacityPlan(capacity, capacity / seenClasses);
    }
}

/// <summary>A stage whose model, or model plus exemplars, does not fit the memory budget.</summary>
public sealed class OverBudgetException(string message) : Exception(message);
