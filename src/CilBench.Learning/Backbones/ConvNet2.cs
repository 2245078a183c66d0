using CilBench.Torch;

namespace CilBench.Learning.Backbones;

/// <summary>
/// MEMO's two-block ConvNet for CIFAR (PyCIL convs/conv_cifar.py): <c>encoder</c> = two blocks of 3x3 conv (with
/// bias, PyTorch's default init) + BN + relu + 2x2 max pool, 64 channels each, then global average pooling.
/// PyCIL pools with AvgPool2d(8) (global on 32x32 only); this pools globally for any input size.
/// </summary>
public sealed class ConvNet2 : Backbone
{
    private readonly torch.nn.Sequential encoder;
    private readonly torch.nn.AdaptiveAvgPool2d avgpool;

    public ConvNet2(int channels = 3)
    {
        avgpool = register_module(nameof(avgpool), new torch.nn.AdaptiveAvgPool2d(1));
        encoder = register_module(nameof(encoder), new torch.nn.Sequential(Block(channels, 64), Block(64, 64)));
    }

    public override long OutDim => 64;

    public override Tensor forward(Tensor x)
    {
        using var scope = torch.NewDisposeScope();
        return avgpool.forward(encoder.forward(x)).flatten(1).MoveToOuterScope();
    }

    /// <summary>PyCIL's <c>conv_block</c>: conv 3x3 (padding 1, bias) + BN + relu + max pool 2.</summary>
    internal static torch.nn.Sequential Block(long inChannels, long outChannels) => new(
        new torch.nn.Conv2d(inChannels, outChannels, 3, padding: 1),
        new torch.nn.BatchNorm2d(outChannels),
        new torch.nn.ReLU(),
        new torch.nn.MaxPool2d(2));
}

/// <summary>MEMO's generalized part of <see cref="ConvNet2"/>: the first block (<c>encoder.0</c>), 64 channels out.</summary>
public sealed class GeneralizedConvNet2 : torch.nn.Module<Tensor, Tensor>
{
    private readonly torch.nn.Sequential encoder;

    public GeneralizedConvNet2(int channels = 3) =>
        encoder = register_module(nameof(encoder), new torch.nn.Sequential(ConvNet2.Block(channels, 64)));

    public override Tensor forward(Tensor x) => encoder.forward(x);
}

/// <summary>MEMO's specialized part of <see cref="ConvNet2"/>: the second block (<c>AdaptiveBlock</c>) and pooling.</summary>
public sealed class SpecializedConvNet2 : Backbone
{
    private readonly torch.nn.Sequential AdaptiveBlock;
    private readonly torch.nn.AdaptiveAvgPool2d avgpool;

    public SpecializedConvNet2()
    {
        avgpool = register_module(nameof(avgpool), new torch.nn.AdaptiveAvgPool2d(1));
        AdaptiveBlock = register_module(nameof(AdaptiveBlock), ConvNet2.Block(64, 64));
    }

    public override long OutDim => 64;

    public override Tensor forward(Tensor featureMap)
    {
        using var scope = torch.NewDisposeScope();
        return avgpool.forward(AdaptiveBlock.forward(featureMap)).flatten(1).MoveToOuterScope();
    }
}
