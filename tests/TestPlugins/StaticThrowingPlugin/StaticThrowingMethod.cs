using CilBench.Abstractions;

[assembly: CilBenchMethod(typeof(StaticThrowingPlugin.StaticThrowingMethod))]

namespace StaticThrowingPlugin;

/// <summary>Its static constructor throws.</summary>
public sealed class StaticThrowingMethod : IMethod
{
    static StaticThrowingMethod() => throw new InvalidOperationException("StaticThrowingMethod fails in its static constructor");

    public string Name => "static-throwing";
    public string Version => "1.0.0";
    public string Paper => "none";
    public string DefaultHyperParameters => "{}";
    public IIncrementalLearner Create(MethodContext context) => throw new NotSupportedException();
}
