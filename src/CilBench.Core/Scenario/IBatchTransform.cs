using CilBench.Torch;

namespace CilBench.Core.Scenario;

/// <summary>
/// Turns a uint8 image batch into the float32 network input: augmentation (training) and normalisation. The random
/// parameters of a stream of batches are drawn up front (<see cref="Draw"/>), so a batch makes no host transfer.
/// </summary>
public interface IBatchTransform
{
    /// <summary>The random draws of a stream of batches (one row per image, in batch order), or null when this transform draws nothing.</summary>
    /// <param name="batchSizes">Sizes of the batches, in order.</param>
    /// <param name="augment">Whether the batches get the training augmentation.</param>
    /// <param name="generator">Source of randomness (seeded per batch stream).</param>
    /// <param name="device">Where the draws go (the images' device).</param>
    Tensor? Draw(IReadOnlyList<int> batchSizes, bool augment, Generator generator, Device device);

    /// <param name="images">uint8 N x C x H x W on the run's device.</param>
    /// <param name="augment">Apply the training augmentation.</param>
    /// <param name="draws">This batch's rows of <see cref="Draw"/>'s result (null when it returned null).</param>
    Tensor Apply(Tensor images, bool augment, Tensor? draws);
}
