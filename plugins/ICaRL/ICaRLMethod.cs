using CilBench.Abstractions;
using CilBench.Learning.Training;

[assembly: CilBenchMethod(typeof(CilBench.Plugins.ICaRL.ICaRLMethod))]

namespace CilBench.Plugins.ICaRL;

/// <summary>iCaRL as PyCIL implements it (models/icarl.py); README.md names where it departs from PyCIL.</summary>
public sealed class ICaRLMethod : IMethod
{
    public string Name => "icarl";
    public string Version => "1.0.0";
    public string Paper => "Rebuffi, Kolesnikov, Sperl, Lampert, \"iCaRL: Incremental Classifier and Representation Learning\", CVPR 2017";
    public string DefaultHyperParameters => OptionsJson.Defaults(new ICaRLOptions());
    public bool UsesBaseModel => true;

    public IIncrementalLearner Create(MethodContext context) =>
        new ICaRLLearner(context, OptionsJson.Read<ICaRLOptions>(context.HyperParameters, Name));
}
