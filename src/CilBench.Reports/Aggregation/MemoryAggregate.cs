using CilBench.Core.Results;

namespace CilBench.Reports.Aggregation;

/// <summary>A stage's memory over seeds. Model bytes are parameters + buffers + info (the learner's whole state).</summary>
public sealed record MemoryAggregate(Stat ModelBytes, Stat BackboneParameterBytes, Stat ExemplarBytes, Stat TotalBytes, Stat Exemplars, Stat Capacity)
{
    public static MemoryAggregate Of(IReadOnlyList<MemoryUsage> seeds) => new(
        Stat.Of(seeds.Select(m => (double)(m.ParameterBytes + m.BufferBytes + m.InfoBytes))),
        Stat.Of(seeds.Select(m => (double)m.BackboneParameterBytes)),
        Stat.Of(seeds.Select(m => (double)m.ExemplarBytes)),
        Stat.Of(seeds.Select(m => (double)m.TotalBytes)),
        Stat.Of(seeds.Select(m => (double)m.Exemplars)),
        Stat.Of(seeds.Select(m => (double)m.Capacity)));
}
