namespace CilBench.Core.Protocols;

/// <summary>How exemplar capacity is set (DESIGN.md, "Memory: what is counted").</summary>
public enum MemoryPolicy
{
    /// <summary>A fixed total number of exemplars shared by the seen classes (PyCIL memory_size).</summary>
    FixedTotal,

    /// <summary>A fixed number of exemplars per class (PyCIL fixed_memory).</summary>
    PerClass,

    /// <summary>Model + exemplars within B bytes at every stage; capacity recomputed from the measured state.</summary>
    Budget,

    /// <summary>An explicit exemplar count per method and budget point (replays MEMO's tables).</summary>
    Exemplars,
}

public static class MemoryPolicyNames
{
    private static readonly Dictionary<string, MemoryPolicy> ByName = new()
    {
        ["fixed-total"] = MemoryPolicy.FixedTotal,
        ["per-class"] = MemoryPolicy.PerClass,
        ["budget"] = MemoryPolicy.Budget,
        ["exemplars"] = MemoryPolicy.Exemplars,
    };

    public static bool TryParse(string name, out MemoryPolicy policy) => ByName.TryGetValue(name, out policy);

    public static string Name(this MemoryPolicy policy) => ByName.First(kv => kv.Value == policy).Key;

    public static string Known => string.Join(", ", ByName.Keys);
}
