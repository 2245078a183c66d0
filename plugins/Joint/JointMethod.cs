using CilBench.Abstractions;
using CilBench.Learning.Training;

[assembly: CilBenchMethod(typeof(CilBench.Plugins.Joint.JointMethod))]

namespace CilBench.Plugins.Joint;

/// <summary>
/// The upper bound: at every task, train on all data of all classes seen so far. A reference outside the budget:
/// the harness keeps every training sample for it, and results mark it as such.
/// </summary>
public sealed class JointMethod : IMethod
{
    public string Name => "joint";
    public string Version => "1.0.0";
    public string Paper => "Upper bound: joint training on all seen data (reference, outside the memory budget)";
    public string DefaultHyperParameters => OptionsJson.Defaults(new StandardOptions());
    public bool UsesBaseModel => true;
    public bool IsReference => true;

    public IIncrementalLearner Create(MethodContext context) =>
        new JointLearner(context, OptionsJson.Read<StandardOptions>(context.HyperParameters, Name));
}
