using CilBench.Torch;

namespace CilBench.Learning.Backbones;

/// <summary>PyCIL's CIFAR stem, registered on its owner as conv_1_3x3 and bn_1 (so names stay flat): 3x3 conv to 16 channels, BN, relu.</summary>
internal sealed class CifarStem
{
    private readonly torch.nn.Conv2d conv_1_3x3;
    private readonly torch.nn.BatchNorm2d bn_1;

    public CifarStem(torch.nn.Module owner, int channels)
    {
        conv_1_3x3 = owner.register_module(nameof(conv_1_3x3), new torch.nn.Conv2d(channels, 16, 3, 1, padding: 1, bias: false));
        bn_1 = owner.register_module(nameof(bn_1), new torch.nn.BatchNorm2d(16));
    }

    public Tensor Forward(Tensor x) => conv_1_3x3.forward(x).Through(bn_1.forward).relu_();
}
