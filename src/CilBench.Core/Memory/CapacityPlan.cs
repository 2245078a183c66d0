namespace CilBench.Core.Memory;

/// <summary>How many exemplars memory may hold after a stage, and the per-class quota (see <see cref="MemoryPlanner.Plan"/>).</summary>
/// <param name="Capacity">Total exemplars allowed.</param>
/// <param name="PerClass">Exemplars kept per seen class (capacity / seen classes, floored, as PyCIL).</param>
public sealed record CapacityPlan(int Capacity, int PerClass)
{
    /// <summary>Reference methods (joint training) keep every sample: they are outside the budget by design.</summary>
    public static readonly CapacityPlan Unbounded = new(int.MaxValue, int.MaxValue);
}
