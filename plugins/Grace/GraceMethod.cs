using CilBench.Abstractions;
using CilBench.Learning.Training;

[assembly: CilBenchMethod(typeof(CilBench.Plugins.Grace.GraceMethod))]

namespace CilBench.Plugins.Grace;

/// <summary>
/// GRACE: grow a backbone per task (DER-style), assess the newest backbone's saturation by effective rank, and
/// compress the two newest backbones into one by distillation when it is under-used. See README.md for the
/// deviations from the reference.
/// </summary>
public sealed class GraceMethod : IMethod
{
    public string Name => "grace";
    public string Version => "1.0.0";
    public string Paper => "Garcia-Castaneda, Irureta, Imaz, Lojo: Grow, Assess, Compress: Adaptive Backbone Scaling for Memory-Efficient Class Incremental Learning. arXiv:2603.08426, 2026";
    public string DefaultHyperParameters => OptionsJson.Defaults(new GraceOptions());
    public bool UsesBaseModel => true;

    public IIncrementalLearner Create(MethodContext context) =>
        new GraceLearner(context, OptionsJson.Read<GraceOptions>(context.HyperParameters, Name));
}
