using CilBench.Abstractions;

namespace NoAttributePlugin;

/// <summary>A method whose assembly lacks [assembly: CilBenchMethod], so it is no plugin.</summary>
public sealed class UnmarkedMethod : IMethod
{
    public string Name => "unmarked";
    public string Version => "1.0.0";
    public string Paper => "none";
    public string DefaultHyperParameters => "{}";
    public IIncrementalLearner Create(MethodContext context) => throw new NotSupportedException();
}
