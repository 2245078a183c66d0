using CilBench.Core.Scenario;
using CilBench.Torch;

namespace CilBench.Core.Tests.Scenario;

/// <summary>uint8 to float32 with no scaling or augmentation, so a batch's pixels are the stored values.</summary>
internal sealed class FloatTransform : IBatchTransform
{
    public Tensor? Draw(IReadOnlyList<int> batchSizes, bool augment, Generator generator, Device device) => null;

    public Tensor Apply(Tensor images, bool augment, Tensor? draws) => images.to(ScalarType.Float32);
}
