using CilBench.Learning.Training;

namespace Example;

/// <summary>
/// The hyper-parameters and their defaults. Protocols override them key by key (camelCase: "initEpochs", "lr",
/// "temperature"); the harness records the merged values in every result. <see cref="StandardOptions"/> holds the
/// ones every PyCIL-style method shares (backbone, epochs, lr, milestones, weight decay, batch size, momentum), with
/// PyCIL's iCaRL CIFAR-100 recipe as defaults.
/// </summary>
public sealed record ExampleOptions : StandardOptions
{
    /// <summary>Distillation temperature T (PyCIL's T = 2).</summary>
    public double Temperature { get; init; } = 2;

    /// <summary>Weight λ of distillation in the loss (1 - λ) CE + λ KD, from the second task on.</summary>
    public double DistillationWeight { get; init; } = 0.5;
}
