using CilBench.Torch;

namespace CilBench.Learning.Backbones;

/// <summary>
/// PyCIL's CIFAR ResNet (convs/cifar_resnet.py): a 3x3 conv of 16 channels + BN + relu, three stages of n basic
/// blocks at 16, 32 and 64 channels (depth = 6n + 2), global average pooling; 64 features. Module names are
/// PyCIL's, so state dicts line up. PyCIL pools with AvgPool2d(8), which is global for 32x32 inputs only; this
/// pools globally for any input size (the same result on CIFAR). PyCIL's unused <c>fc</c> is not built.
/// </summary>
public sealed class CifarResNet : Backbone
{
    private readonly CifarStem stem;
    private readonly torch.nn.AdaptiveAvgPool2d avgpool;

    public CifarResNet(int depth, int channels = 3)
    {
        var blocks = CifarStage.BlocksFor(depth);
        stem = new CifarStem(this, channels);
        stage_1 = register_module(nameof(stage_1), CifarStage.Make(16, 16, blocks, 1));
        stage_2 = register_module(nameof(stage_2), CifarStage.Make(16, 32, blocks, 2));
        stage_3 = register_module(nameof(stage_3), CifarStage.Make(32, 64, blocks, 2));
        avgpool = register_module(nameof(avgpool), new torch.nn.AdaptiveAvgPool2d(1));
        PyCilInit.Apply(this);
    }

    public override long OutDim => 64;

    public torch.nn.Sequential stage_1 { get; }

    public torch.nn.Sequential stage_2 { get; }

    /// <summary>The stage MEMO specializes per task; everything before it is MEMO's generalized part.</summary>
    public torch.nn.Sequential stage_3 { get; }

    public override Tensor forward(Tensor x)
    {
        using var scope = torch.NewDisposeScope();
        var h = stem.Forward(x);
        h = stage_3.forward(stage_2.forward(stage_1.forward(h)));
        return avgpool.forward(h).flatten(1).MoveToOuterScope();
    }
}
