using CilBench.Learning.Training;

namespace CilBench.Plugins.Grace;

/// <summary>
/// GRACE's hyper-parameters. The recipe is the module constants of the reference's models/grace.py (task 0: 200
/// epochs, lr 0.1, milestones [60, 120, 170], weight decay 5e-4; expansion: 170 epochs, lr 0.1, milestones
/// [80, 120, 150], weight decay 2e-4; compression: 130 epochs, lr 0.1, cosine, weight decay 2e-4, T = 2; batch 128);
/// the thresholds and loss factors default to its exps/grace_cifar100_b0i10.json.
/// </summary>
public sealed record GraceOptions : StandardOptions
{
    public GraceOptions() => Milestones = [80, 120, 150];

    /// <summary>Saturation threshold tau_1 (<c>t_base</c>).</summary>
    public double TBase { get; init; } = 0.6;

    /// <summary>Threshold decay rho per consecutive compression (<c>t_decay</c>).</summary>
    public double TDecay { get; init; } = 0.96;

    /// <summary>Power-mean exponent p of the importance-aware initialisation (<c>preservation_exponent</c>).</summary>
    public double PreservationExponent { get; init; } = 5;

    /// <summary>Weight of the logit distillation in compression (<c>c_kd_factor</c>).</summary>
    public double CKdFactor { get; init; } = 0.4;

    /// <summary>Weight of the feature-prediction loss in compression (<c>c_pred_factor</c>).</summary>
    public double CPredFactor { get; init; } = 1.6;

    public int CompressEpochs { get; init; } = 130;
    public double CompressLr { get; init; } = 0.1;
    public double CompressWeightDecay { get; init; } = 0.0002;

    /// <summary>Distillation temperature T (<c>kd_t</c>).</summary>
    public double KdTemperature { get; init; } = 2;

    /// <summary>The compression phase: SGD with cosine annealing over its epochs.</summary>
    public TrainRecipe CompressRecipe => new(CompressEpochs, CompressLr, [], LrDecay, CompressWeightDecay, BatchSize, Momentum, "cosine");
}
