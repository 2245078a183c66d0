using CilBench.Abstractions;
using CilBench.Learning.Training;

[assembly: CilBenchMethod(typeof(CilBench.Plugins.Replay.ReplayMethod))]

namespace CilBench.Plugins.Replay;

/// <summary>
/// Finetune plus random exemplars within the memory budget, trained with cross-entropy over all seen classes on
/// new data + exemplars. Deviation from PyCIL's models/replay.py: exemplars are chosen at random (PyCIL herds).
/// </summary>
public sealed class ReplayMethod : IMethod
{
    public string Name => "replay";
    public string Version => "1.0.0";
    public string Paper => "Experience replay baseline (random exemplars; Chaudhry et al., 2019, \"On Tiny Episodic Memories in Continual Learning\")";
    public string DefaultHyperParameters => OptionsJson.Defaults(new ReplayOptions());
    public bool UsesBaseModel => true;

    public IIncrementalLearner Create(MethodContext context) =>
        new ReplayLearner(context, OptionsJson.Read<ReplayOptions>(context.HyperParameters, Name));
}

/// <summary>PyCIL's replay recipe (the constants of models/replay.py): later tasks train 70 epochs, milestones [30, 50].</summary>
public sealed record ReplayOptions : StandardOptions
{
    public ReplayOptions()
    {
        Epochs = 70;
        Milestones = [30, 50];
    }
}
