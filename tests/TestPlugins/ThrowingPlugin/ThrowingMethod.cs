using CilBench.Abstractions;

[assembly: CilBenchMethod(typeof(ThrowingPlugin.ThrowingMethod))]

namespace ThrowingPlugin;

/// <summary>Its constructor throws.</summary>
public sealed class ThrowingMethod : IMethod
{
    public ThrowingMethod() => throw new InvalidOperationException("ThrowingMethod fails in its constructor");

    public string Name => "throwing";
    public string Version => "1.0.0";
    public string Paper => "none";
    public string DefaultHyperParameters => "{}";
    public IIncrementalLearner Create(MethodContext context) => throw new NotSupportedException();
}
