using CilBench.Abstractions;

// Stands for a plugin built against a future contract 2.x: the major is what a 2.x attribute would bake in.
[assembly: CilBenchMethod(typeof(Contract2Plugin.FutureMethod), contractMajor: 2)]

namespace Contract2Plugin;

public sealed class FutureMethod : IMethod
{
    public string Name => "future";
    public string Version => "1.0.0";
    public string Paper => "none";
    public string DefaultHyperParameters => "{}";
    public IIncrementalLearner Create(MethodContext context) => throw new NotSupportedException();
}
