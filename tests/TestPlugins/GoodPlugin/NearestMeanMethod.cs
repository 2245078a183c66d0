using CilBench.Abstractions;

[assembly: CilBenchMethod(typeof(GoodPlugin.NearestMeanMethod))]

namespace GoodPlugin;

/// <summary>Nearest class mean on raw pixels: the smallest learner that exercises the whole contract.</summary>
public sealed class NearestMeanMethod : IMethod
{
    public string Name => "nearest-mean";

    public string Version => "1.2.3";

    public string Paper => "Mensink et al., Distance-Based Image Classification: Generalizing to New Classes at Near-Zero Cost, TPAMI 2013";

    public string DefaultHyperParameters => """{ "batch_size": 64 }""";

    public IIncrementalLearner Create(MethodContext context) => new NearestMeanLearner(context);
}
