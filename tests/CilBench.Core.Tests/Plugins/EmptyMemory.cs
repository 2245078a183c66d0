using CilBench.Abstractions;

namespace CilBench.Core.Tests.Plugins;

/// <summary>An exemplar memory with nothing in it.</summary>
internal sealed class EmptyMemory(IDataView empty) : IExemplarMemoryView
{
    public IReadOnlyList<int> Classes => [];

    public int Count => 0;

    public IDataView OfClass(int classIndex) => empty;

    public IDataView All => empty;
}
