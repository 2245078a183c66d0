namespace CilBench.Abstractions;

/// <summary>The harness-owned exemplar memory, read only.</summary>
public interface IExemplarMemoryView
{
    /// <summary>Classes that have exemplars, ascending.</summary>
    IReadOnlyList<int> Classes { get; }

    /// <summary>Total number of stored exemplars.</summary>
    int Count { get; }

    /// <summary>Exemplars of one class, in their ranked order (empty view if none).</summary>
    IDataView OfClass(int classIndex);

    /// <summary>All exemplars, grouped by class in ascending class order.</summary>
    IDataView All { get; }
}
