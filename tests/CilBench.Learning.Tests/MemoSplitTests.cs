using CilBench.Learning.Backbones;

namespace CilBench.Learning.Tests;

/// <summary>MEMO's cut: what is shared by all tasks and what each task adds.</summary>
public class MemoSplitTests
{
    // CIFAR ResNets: conv + BN + stage 1 + stage 2 shared, stage 3 (64-d) per task. ImageNet ResNets: conv1 + layer1-3
    // shared, layer4 (512-d) per task. ConvNet2: the first block shared, the second per task.
    [Theory]
    [InlineData("resnet32", 3, 112_016, 351_488, 64)]
    [InlineData("resnet14", 3, 42_320, 129_536, 64)]
    [InlineData("resnet8", 1, 18_800, 55_552, 64)]
    [InlineData("convnet2", 3, 1_920, 37_056, 64)]
    [InlineData("resnet18", 3, 2_782_784, 8_393_728, 512)]
    public void SplitCountsAddUpToTheWholeBackbone(string name, int channels, long shared, long perTask, long dim)
    {
        var (generalized, specialized) = BackboneRegistry.CreateSplit(name, channels);
        using (generalized)
        using (specialized)
        using (var whole = BackboneRegistry.Create(name, channels))
        {
            Assert.Equal(shared, generalized.parameter_count());
            Assert.Equal(perTask, specialized.parameter_count());
            Assert.Equal(dim, specialized.OutDim);
            Assert.Equal(whole.parameter_count(), shared + perTask);
        }
    }

    /// <summary>A whole backbone's state, cut by SplitState, loads into the split network and computes the same features.</summary>
    [Theory]
    [InlineData("resnet8", 1, 28)]
    [InlineData("convnet2", 3, 32)]
    [InlineData("resnet10", 3, 32)]
    public void AWholeStateCutIntoTheSplitComputesTheSameFeatures(string name, int channels, int size)
    {
        using var scope = CilBench.Torch.torch.NewDisposeScope();
        using var whole = BackboneRegistry.Create(name, channels);
        var (generalized, specialized) = BackboneRegistry.CreateSplit(name, channels);
        using (generalized)
        using (specialized)
        {
            var (g, s) = BackboneRegistry.SplitState(name, whole.state_dict());
            generalized.load_state_dict(g);
            specialized.load_state_dict(s);
            Assert.Equal(whole.state_dict().Count, g.Count + s.Count);
            whole.eval();
            generalized.eval();
            specialized.eval();
            var x = CilBench.Torch.torch.randn([2, channels, size, size]);

            Assert.True(whole.forward(x).equal(specialized.forward(generalized.forward(x))));
        }
    }
}
