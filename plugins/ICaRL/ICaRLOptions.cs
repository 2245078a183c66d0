using CilBench.Learning.Training;

namespace CilBench.Plugins.ICaRL;

/// <summary>PyCIL's iCaRL recipe (the constants of models/icarl.py), the distillation temperature and the loss.</summary>
public sealed record ICaRLOptions : StandardOptions
{
    public ICaRLOptions()
    {
        InitEpochs = 200;
        InitLr = 0.1;
        InitMilestones = [60, 120, 170];
        InitWeightDecay = 5e-4;
        Epochs = 170;
        Lr = 0.1;
        Milestones = [80, 120];
        WeightDecay = 2e-4;
        BatchSize = 128;
        Momentum = 0.9;
    }

    /// <summary>Distillation temperature (PyCIL's T).</summary>
    public double Temperature { get; init; } = 2;

    /// <summary>
    /// "ce": PyCIL's loss, cross-entropy over all seen classes plus KD on the old classes' logits. "bce": the paper's
    /// (Alg. 3), sigmoid binary cross-entropy over all seen classes, the teacher's sigmoid outputs as old-class targets.
    /// </summary>
    public string Loss { get; init; } = "ce";
}
