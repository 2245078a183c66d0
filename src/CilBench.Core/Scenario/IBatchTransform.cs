using CilBench.Torch;

namespace CilBench.Core.Scenario;

/// <summary>Turns a uint8 image batch into the float32 network input: augmentation (training) and normalisation.</summary>
public interface IBatchTransform
{
    /// <param name="images">uint8 N x C x H x W on the run's device.</param>
    /// <param name="augment">Apply the training augmentation.</param>
    /// <param name="generator">Source of randomness for the augmentation (seeded per batch stream).</param>
    Tensor Apply(Tensor images, bool augment, Generator generator);
}
