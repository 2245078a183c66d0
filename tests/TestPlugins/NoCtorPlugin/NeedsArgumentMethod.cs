using CilBench.Abstractions;

[assembly: CilBenchMethod(typeof(NoCtorPlugin.NeedsArgumentMethod))]

namespace NoCtorPlugin;

/// <summary>Has no public parameterless constructor, so the loader cannot create it.</summary>
public sealed class NeedsArgumentMethod(string name) : IMethod
{
    public string Name => name;
    public string Version => "1.0.0";
    public string Paper => "none";
    public string DefaultHyperParameters => "{}";
    public IIncrementalLearner Create(MethodContext context) => throw new NotSupportedException();
}
