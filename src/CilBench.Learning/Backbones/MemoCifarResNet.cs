using CilBench.Torch;

namespace CilBench.Learning.Backbones;

/// <summary>
/// MEMO's generalized part of a CIFAR ResNet (PyCIL convs/memo_cifar_resnet.py): stem, stage_1 and stage_2, output
/// a 32-channel feature map at half the input resolution. Names match <see cref="CifarResNet"/>'s.
/// </summary>
public sealed class GeneralizedCifarResNet : torch.nn.Module<Tensor, Tensor>
{
    private readonly CifarStem stem;
    private readonly torch.nn.Sequential stage_1, stage_2;

    public GeneralizedCifarResNet(int depth, int channels = 3)
    {
        var blocks = CifarStage.BlocksFor(depth);
        stem = new CifarStem(this, channels);
        stage_1 = register_module(nameof(stage_1), CifarStage.Make(16, 16, blocks, 1));
        stage_2 = register_module(nameof(stage_2), CifarStage.Make(16, 32, blocks, 2));
        PyCilInit.Apply(this);
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = torch.NewDisposeScope();
        var h = stem.Forward(x);
        return stage_2.forward(stage_1.forward(h)).MoveToOuterScope();
    }
}

/// <summary>MEMO's specialized part of a CIFAR ResNet: the 64-channel stage (<c>final_stage</c>) and global pooling.</summary>
public sealed class SpecializedCifarResNet : Backbone
{
    private readonly torch.nn.Sequential final_stage;
    private readonly torch.nn.AdaptiveAvgPool2d avgpool;

    public SpecializedCifarResNet(int depth)
    {
        final_stage = register_module(nameof(final_stage), CifarStage.Make(32, 64, CifarStage.BlocksFor(depth), 2));
        avgpool = register_module(nameof(avgpool), new torch.nn.AdaptiveAvgPool2d(1));
        PyCilInit.Apply(this);
    }

    public override long OutDim => 64;

    public override Tensor forward(Tensor featureMap)
    {
        using var scope = torch.NewDisposeScope();
        return avgpool.forward(final_stage.forward(featureMap)).flatten(1).MoveToOuterScope();
    }
}
