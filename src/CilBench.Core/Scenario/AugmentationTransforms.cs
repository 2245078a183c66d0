using CilBench.Abstractions;
using CilBench.Core.Data;
using CilBench.Core.Protocols;
using CilBench.Core.Runner;
using CilBench.Torch;

namespace CilBench.Core.Scenario;

/// <summary>The protocol's augmentation settings as the batch transform of a run.</summary>
public sealed class AugmentationTransforms : ITransformFactory
{
    public IBatchTransform Create(AugmentationSettings settings, InputShape shape)
    {
        var spec = new AugmentationSpec
        {
            CropPadding = settings.CropPadding,
            Flip = settings.Flip,
            Brightness = settings.Brightness,
            Mean = settings.Mean ?? [],
            Std = settings.Std ?? [],
        };
        spec.Validate(shape.Channels);
        return new Transform(spec);
    }

    private sealed class Transform(AugmentationSpec train) : IBatchTransform
    {
        private readonly AugmentationSpec eval = train.Deterministic;

        public Tensor? Draw(IReadOnlyList<int> batchSizes, bool augment, Generator generator, Device device) =>
            AugmentationDraws.Draw(augment ? train : eval, batchSizes, generator, device);

        public Tensor Apply(Tensor images, bool augment, Tensor? draws) =>
            Augmentation.Apply(augment ? train : eval, images, draws);
    }
}
