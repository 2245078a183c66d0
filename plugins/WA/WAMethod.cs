using CilBench.Abstractions;
using CilBench.Learning.Training;

[assembly: CilBenchMethod(typeof(CilBench.Plugins.WA.WAMethod))]

namespace CilBench.Plugins.WA;

/// <summary>Weight aligning as PyCIL implements it (models/wa.py); README.md names where it departs from PyCIL.</summary>
public sealed class WAMethod : IMethod
{
    public string Name => "wa";
    public string Version => "1.0.0";
    public string Paper => "Zhao, Xiao, Gan, Zhang, Xia, \"Maintaining Discrimination and Fairness in Class Incremental Learning\", CVPR 2020";
    public string DefaultHyperParameters => OptionsJson.Defaults(new WAOptions());
    public bool UsesBaseModel => true;

    public IIncrementalLearner Create(MethodContext context) =>
        new WALearner(context, OptionsJson.Read<WAOptions>(context.HyperParameters, Name));
}
