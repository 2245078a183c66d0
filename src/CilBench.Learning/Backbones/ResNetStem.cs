using CilBench.Torch;

namespace CilBench.Learning.Backbones;

/// <summary>torchvision's stem, registered on its owner as conv1, bn1, relu, maxpool (so names stay flat).</summary>
internal sealed class ResNetStem
{
    private readonly torch.nn.Conv2d conv1;
    private readonly torch.nn.BatchNorm2d bn1;
    private readonly torch.nn.MaxPool2d maxpool;

    public ResNetStem(torch.nn.Module owner, int channels)
    {
        conv1 = owner.register_module(nameof(conv1), new torch.nn.Conv2d(channels, 64, 7, 2, padding: 3, bias: false));
        bn1 = owner.register_module(nameof(bn1), new torch.nn.BatchNorm2d(64));
        owner.register_module("relu", new torch.nn.ReLU());
        maxpool = owner.register_module(nameof(maxpool), new torch.nn.MaxPool2d(3, 2, padding: 1));
    }

    public Tensor Forward(Tensor x) => maxpool.forward(bn1.forward(conv1.forward(x)).relu_());
}
