using CilBench.Torch;

namespace CilBench.Learning.Backbones;

/// <summary>torchvision's ResNet basic block: conv1 3x3 + bn1 + relu, conv2 3x3 + bn2, add the shortcut, relu.</summary>
public sealed class BasicBlock : torch.nn.Module<Tensor, Tensor>
{
    private readonly torch.nn.Conv2d conv1, conv2;
    private readonly torch.nn.BatchNorm2d bn1, bn2;
    private readonly torch.nn.Sequential? downsample;

    public BasicBlock(long inplanes, long planes, long stride = 1, torch.nn.Sequential? downsample = null)
    {
        conv1 = register_module(nameof(conv1), new torch.nn.Conv2d(inplanes, planes, 3, stride, padding: 1, bias: false));
        bn1 = register_module(nameof(bn1), new torch.nn.BatchNorm2d(planes));
        register_module("relu", new torch.nn.ReLU());
        conv2 = register_module(nameof(conv2), new torch.nn.Conv2d(planes, planes, 3, 1, padding: 1, bias: false));
        bn2 = register_module(nameof(bn2), new torch.nn.BatchNorm2d(planes));
        if (downsample is not null) this.downsample = register_module(nameof(downsample), downsample);
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = torch.NewDisposeScope();
        var h = conv1.forward(x).Through(bn1.forward).relu_();
        h = h.Through(conv2.forward).Through(bn2.forward);
        h.add_(downsample?.forward(x) ?? x);
        return h.relu_().MoveToOuterScope();
    }

    /// <summary>torchvision's <c>_make_layer</c>: the first block strided, with a 1x1 conv + BN shortcut when the shape changes.</summary>
    internal static torch.nn.Sequential MakeLayer(long inplanes, long planes, int blocks, long stride)
    {
        var downsample = stride != 1 || inplanes != planes
            ? new torch.nn.Sequential(new torch.nn.Conv2d(inplanes, planes, 1, stride, bias: false), new torch.nn.BatchNorm2d(planes))
            : null;
        var layer = new torch.nn.Sequential(new BasicBlock(inplanes, planes, stride, downsample));
        for (var i = 1; i < blocks; i++) layer.append(new BasicBlock(planes, planes));
        return layer;
    }
}
