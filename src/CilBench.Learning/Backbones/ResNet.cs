using CilBench.Torch;

namespace CilBench.Learning.Backbones;

/// <summary>
/// The ImageNet ResNet with basic blocks, in torchvision's layout as PyCIL uses it (convs/resnet.py): conv1 7x7
/// stride 2 + bn1 + relu + 3x3 max pool, layer1-4 at 64-512 channels, global average pooling, no fc; 512 features.
/// ResNet10 = [1,1,1,1] blocks per layer, ResNet18 = [2,2,2,2], ResNet34 = [3,4,6,3].
/// </summary>
public sealed class ResNet : Backbone
{
    private readonly ResNetStem stem;
    private readonly torch.nn.AdaptiveAvgPool2d avgpool;

    public ResNet(int[] layers, int channels = 3)
    {
        if (layers.Length != 4) throw new ArgumentException($"ResNet needs 4 layer sizes, got {layers.Length}");
        stem = new ResNetStem(this, channels);
        layer1 = register_module(nameof(layer1), BasicBlock.MakeLayer(64, 64, layers[0], 1));
        layer2 = register_module(nameof(layer2), BasicBlock.MakeLayer(64, 128, layers[1], 2));
        layer3 = register_module(nameof(layer3), BasicBlock.MakeLayer(128, 256, layers[2], 2));
        layer4 = register_module(nameof(layer4), BasicBlock.MakeLayer(256, 512, layers[3], 2));
        avgpool = register_module(nameof(avgpool), new torch.nn.AdaptiveAvgPool2d(1));
        PyCilInit.Apply(this);
    }

    public override long OutDim => 512;

    public torch.nn.Sequential layer1 { get; }

    public torch.nn.Sequential layer2 { get; }

    public torch.nn.Sequential layer3 { get; }

    /// <summary>The layer MEMO specializes per task; everything before it is MEMO's generalized part.</summary>
    public torch.nn.Sequential layer4 { get; }

    public override Tensor forward(Tensor x)
    {
        using var scope = torch.NewDisposeScope();
        var h = layer4.forward(layer3.forward(layer2.forward(layer1.forward(stem.Forward(x)))));
        return avgpool.forward(h).flatten(1).MoveToOuterScope();
    }
}

/// <summary>MEMO's generalized part of <see cref="ResNet"/> (PyCIL convs/memo_resnet.py): stem and layer1-3, 256 channels out.</summary>
public sealed class GeneralizedResNet : torch.nn.Module<Tensor, Tensor>
{
    private readonly ResNetStem stem;
    private readonly torch.nn.Sequential layer1, layer2, layer3;

    public GeneralizedResNet(int[] layers, int channels = 3)
    {
        stem = new ResNetStem(this, channels);
        layer1 = register_module(nameof(layer1), BasicBlock.MakeLayer(64, 64, layers[0], 1));
        layer2 = register_module(nameof(layer2), BasicBlock.MakeLayer(64, 128, layers[1], 2));
        layer3 = register_module(nameof(layer3), BasicBlock.MakeLayer(128, 256, layers[2], 2));
        PyCilInit.Apply(this);
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = torch.NewDisposeScope();
        return layer3.forward(layer2.forward(layer1.forward(stem.Forward(x)))).MoveToOuterScope();
    }
}

/// <summary>MEMO's specialized part of <see cref="ResNet"/>: layer4 and global pooling.</summary>
public sealed class SpecializedResNet : Backbone
{
    private readonly torch.nn.Sequential layer4;
    private readonly torch.nn.AdaptiveAvgPool2d avgpool;

    public SpecializedResNet(int[] layers)
    {
        layer4 = register_module(nameof(layer4), BasicBlock.MakeLayer(256, 512, layers[3], 2));
        avgpool = register_module(nameof(avgpool), new torch.nn.AdaptiveAvgPool2d(1));
        PyCilInit.Apply(this);
    }

    public override long OutDim => 512;

    public override Tensor forward(Tensor featureMap)
    {
        using var scope = torch.NewDisposeScope();
        return avgpool.forward(layer4.forward(featureMap)).flatten(1).MoveToOuterScope();
    }
}
