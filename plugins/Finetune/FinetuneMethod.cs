using CilBench.Abstractions;
using CilBench.Learning.Training;

[assembly: CilBenchMethod(typeof(CilBench.Plugins.Finetune.FinetuneMethod))]

namespace CilBench.Plugins.Finetune;

/// <summary>The lower bound: train on each task's new data only, no exemplars (PyCIL models/finetune.py).</summary>
public sealed class FinetuneMethod : IMethod
{
    public string Name => "finetune";
    public string Version => "1.0.0";
    public string Paper => "Lower bound: sequential fine-tuning (as in PyCIL, Zhou et al., 2023, \"PyCIL: a Python toolbox for class-incremental learning\")";
    public string DefaultHyperParameters => OptionsJson.Defaults(new FinetuneOptions());
    public bool UsesBaseModel => true;

    public IIncrementalLearner Create(MethodContext context) =>
        new FinetuneLearner(context, OptionsJson.Read<FinetuneOptions>(context.HyperParameters, Name));
}

/// <summary>PyCIL's finetune recipe (the constants of models/finetune.py): later tasks train 80 epochs, milestones [40, 70].</summary>
public sealed record FinetuneOptions : StandardOptions
{
    public FinetuneOptions()
    {
        Epochs = 80;
        Milestones = [40, 70];
    }
}
