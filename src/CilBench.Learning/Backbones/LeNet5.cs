using CilBench.Torch;

namespace CilBench.Learning.Backbones;

/// <summary>
/// The modified LeNet-5 of CPG's and GROWN's Split CIFAR-100 setting: conv 5x5 with 20 channels, relu, max pool 2,
/// conv 5x5 with 50 channels, relu, max pool 2, then fully connected 800 and 500 with relu; the 500 features go to the
/// task's classifier. the width scales every layer's channels (a slim copy: GROWN's seed network).
/// The feature map is average-pooled to 5x5 before flattening (identity on 32x32 CIFAR images; 28x28 Fashion-MNIST
/// gives 4x4, spread to 5x5), so one network serves both.
/// </summary>
public sealed class LeNet5 : Backbone
{
    private readonly torch.nn.Sequential features;
    private readonly torch.nn.Sequential fc;

    public LeNet5(int channels = 3, double width = 1.0)
    {
        var (c1, c2, f1, f2) = (Scaled(20, width), Scaled(50, width), Scaled(800, width), Scaled(500, width));
        features = register_module(nameof(features), new torch.nn.Sequential(
            new torch.nn.Conv2d(channels, c1, 5), new torch.nn.ReLU(), new torch.nn.MaxPool2d(2),
            new torch.nn.Conv2d(c1, c2, 5), new torch.nn.ReLU(), new torch.nn.MaxPool2d(2),
            new torch.nn.AdaptiveAvgPool2d(5), new torch.nn.Flatten()));
        fc = register_module(nameof(fc), new torch.nn.Sequential(
            new torch.nn.Linear(c2 * 25, f1), new torch.nn.ReLU(), new torch.nn.Linear(f1, f2), new torch.nn.ReLU()));
        OutDim = f2;
    }

    public override long OutDim { get; }

    public override Tensor forward(Tensor x)
    {
        using var scope = torch.NewDisposeScope();
        return fc.forward(features.forward(x)).MoveToOuterScope();
    }

    /// <summary>round(channels * width), at least 1.</summary>
    internal static long Scaled(long channels, double width) => Math.Max(1, (long)Math.Round(channels * width));
}
