namespace CilBench.Learning.Training;

/// <summary>One training phase's optimisation recipe (PyCIL's init_* or incremental hyper-parameters).</summary>
/// <param name="Epochs">Epochs.</param>
/// <param name="LearningRate">Initial SGD learning rate.</param>
/// <param name="Milestones">MultiStepLR milestones (epochs); ignored with the cosine schedule.</param>
/// <param name="LrDecay">MultiStepLR gamma.</param>
/// <param name="WeightDecay">SGD L2 weight decay.</param>
/// <param name="BatchSize">Batch size.</param>
/// <param name="Momentum">SGD momentum.</param>
/// <param name="Scheduler">"multistep" or "cosine" (CosineAnnealingLR with T_max = epochs).</param>
/// <param name="Precision">"fp32", or "bf16": forward and loss under bfloat16 autocast (no loss scaling needed);
/// parameters, gradients and the optimizer stay float32. Off by default for fidelity to PyCIL.</param>
/// <param name="MemoryFormat">"channels_last": 4-d parameters and input batches in NHWC layout while training (faster
/// convolutions on some hardware; the same results up to float rounding), "contiguous", or "auto": channels_last on the
/// CPU, where it was measured faster, contiguous elsewhere. Outside training, parameters are contiguous either way.</param>
public sealed record TrainRecipe(
    int Epochs,
    double LearningRate,
    int[] Milestones,
    double LrDecay,
    double WeightDecay,
    int BatchSize,
    double Momentum = 0.9,
    string Scheduler = "multistep",
    string Precision = "fp32",
    string MemoryFormat = "auto");
