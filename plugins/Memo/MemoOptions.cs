using CilBench.Learning.Training;

namespace CilBench.Plugins.Memo;

/// <summary>
/// MEMO's hyper-parameters (PyCIL exps/memo.json, the ICLR23-MEMO repository's CIFAR-100 script): task 0 200 epochs,
/// lr 0.1, milestones [60, 120, 170], weight decay 5e-4; later tasks 170 epochs, lr 0.1, milestones [80, 120, 150],
/// weight decay 2e-4; batch 128; "cosine" anneals over each phase's epochs (MEMO's <c>t_max</c> = 170 = epochs).
/// </summary>
public sealed record MemoOptions : StandardOptions
{
    public MemoOptions() => Milestones = [80, 120, 150];

    /// <summary>Weight of the auxiliary cross-entropy (<c>alpha_aux</c>).</summary>
    public double AlphaAux { get; init; } = 1.0;

    /// <summary>Whether the shared generalized part keeps training after task 0 (<c>train_base</c>).</summary>
    public bool TrainBase { get; init; } = true;
}
