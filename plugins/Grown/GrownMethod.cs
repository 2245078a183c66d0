using CilBench.Abstractions;
using CilBench.Learning.Training;

[assembly: CilBenchMethod(typeof(CilBench.Plugins.Grown.GrownMethod))]

namespace CilBench.Plugins.Grown;

/// <summary>
/// GROWN: a slim seed network that grows channels only when a task's validation accuracy falls short of its target,
/// reusing old weights through learned masks, one head per task. Task-incremental: see README.md for the heads and
/// every choice the paper leaves open.
/// </summary>
public sealed class GrownMethod : IMethod
{
    public string Name => "grown";
    public string Version => "1.0.0";
    public string Paper => "Yang, Lin, Zhang, Fan: GROWN: GRow Only When Necessary for Continual Learning. AAAI 2022 (arXiv:2110.00908)";
    public string DefaultHyperParameters => OptionsJson.Defaults(new GrownOptions());
    public bool UsesBaseModel => false;

    public IIncrementalLearner Create(MethodContext context) =>
        new GrownLearner(context, OptionsJson.Read<GrownOptions>(context.HyperParameters, Name).Validated());
}
