using CilBench.Learning.Training;

namespace CilBench.Plugins.WA;

/// <summary>PyCIL's WA recipe (the constants of models/wa.py), the distillation temperature and the loss weighting.</summary>
public sealed record WAOptions : StandardOptions
{
    public WAOptions()
    {
        InitEpochs = 200;
        InitLr = 0.1;
        InitMilestones = [60, 120, 170];
        InitWeightDecay = 5e-4;
        Epochs = 170;
        Lr = 0.1;
        Milestones = [60, 100, 140];
        WeightDecay = 2e-4;
        BatchSize = 128;
        Momentum = 0.9;
    }

    /// <summary>Distillation temperature (PyCIL's T).</summary>
    public double Temperature { get; init; } = 2;

    /// <summary>
    /// "balanced": the paper's and PyCIL's current (1 - lambda) CE + lambda KD with lambda = old / all classes seen.
    /// "ce+2kd": CE + 2 KD, the loss of PyCIL's earlier wa.py (see README.md).
    /// </summary>
    public string Loss { get; init; } = "balanced";
}
