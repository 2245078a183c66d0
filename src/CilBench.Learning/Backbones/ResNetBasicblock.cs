using CilBench.Torch;

namespace CilBench.Learning.Backbones;

/// <summary>PyCIL's CIFAR residual block: conv_a 3x3 + bn_a + relu, conv_b 3x3 + bn_b, shortcut add, relu.</summary>
public sealed class ResNetBasicblock : torch.nn.Module<Tensor, Tensor>
{
    private readonly torch.nn.Conv2d conv_a, conv_b;
    private readonly torch.nn.BatchNorm2d bn_a, bn_b;
    private readonly DownsampleA? downsample;

    public ResNetBasicblock(long inplanes, long planes, long stride = 1, DownsampleA? downsample = null)
    {
        conv_a = register_module(nameof(conv_a), new torch.nn.Conv2d(inplanes, planes, 3, stride, padding: 1, bias: false));
        bn_a = register_module(nameof(bn_a), new torch.nn.BatchNorm2d(planes));
        conv_b = register_module(nameof(conv_b), new torch.nn.Conv2d(planes, planes, 3, 1, padding: 1, bias: false));
        bn_b = register_module(nameof(bn_b), new torch.nn.BatchNorm2d(planes));
        if (downsample is not null) this.downsample = register_module(nameof(downsample), downsample);
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = torch.NewDisposeScope();
        var h = conv_a.forward(x).Through(bn_a.forward).relu_();
        h = h.Through(conv_b.forward).Through(bn_b.forward);
        var residual = downsample?.forward(x) ?? x;
        return residual.add(h).relu_().MoveToOuterScope();
    }
}
