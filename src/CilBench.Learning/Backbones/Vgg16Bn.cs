using CilBench.Torch;

namespace CilBench.Learning.Backbones;

/// <summary>
/// VGG16 with batch norm for 32x32 images (the CIFAR VGG16-BN of CPG's and GROWN's CIFAR-100 Superclass setting):
/// thirteen 3x3 convolutions (64, 64, M, 128, 128, M, 256 x 3, M, 512 x 3, M, 512 x 3, M), each followed by BN and
/// relu, M a 2x2 max pool, then global average pooling to 512 features. the width scales every layer's
/// channels (GROWN's seed network). Convolutions are PyTorch-initialised (PyCIL's kaiming-normal applies to its
/// ResNets only).
/// </summary>
public sealed class Vgg16Bn : Backbone
{
    private static readonly int[] Configuration = [64, 64, 0, 128, 128, 0, 256, 256, 256, 0, 512, 512, 512, 0, 512, 512, 512, 0];

    private readonly torch.nn.Sequential features;
    private readonly torch.nn.AdaptiveAvgPool2d avgpool;

    public Vgg16Bn(int channels = 3, double width = 1.0)
    {
        features = register_module(nameof(features), new torch.nn.Sequential());
        long inChannels = channels;
        foreach (var c in Configuration)
        {
            if (c == 0)
            {
                features.append(new torch.nn.MaxPool2d(2));
                continue;
            }
            var outChannels = LeNet5.Scaled(c, width);
            features.append(new torch.nn.Conv2d(inChannels, outChannels, 3, padding: 1));
            features.append(new torch.nn.BatchNorm2d(outChannels));
            features.append(new torch.nn.ReLU());
            inChannels = outChannels;
        }
        avgpool = register_module(nameof(avgpool), new torch.nn.AdaptiveAvgPool2d(1));
        OutDim = inChannels;
    }

    public override long OutDim { get; }

    public override Tensor forward(Tensor x)
    {
        using var scope = torch.NewDisposeScope();
        return avgpool.forward(features.forward(x)).flatten(1).MoveToOuterScope();
    }
}
