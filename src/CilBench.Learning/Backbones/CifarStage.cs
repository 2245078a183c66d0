using CilBench.Torch;

namespace CilBench.Learning.Backbones;

/// <summary>PyCIL's <c>_make_layer</c> for the CIFAR ResNets: a stage of residual blocks, the first one strided.</summary>
internal static class CifarStage
{
    /// <summary>Blocks per stage for a depth of 6n + 2 (8, 14, 20, 26, 32, 44, 56, 110).</summary>
    public static int BlocksFor(int depth) =>
        depth >= 8 && (depth - 2) % 6 == 0 ? (depth - 2) / 6
        : throw new ArgumentException($"CIFAR ResNet depth must be 6n + 2 with n >= 1, got {depth}");

    public static torch.nn.Sequential Make(long inplanes, long planes, int blocks, long stride)
    {
        var downsample = stride != 1 || inplanes != planes ? new DownsampleA(stride) : null;
        var stage = new torch.nn.Sequential(new ResNetBasicblock(inplanes, planes, stride, downsample));
        for (var i = 1; i < blocks; i++) stage.append(new ResNetBasicblock(planes, planes));
        return stage;
    }
}
