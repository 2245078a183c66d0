using CilBench.Learning.Backbones;
using CilBench.Torch;

namespace CilBench.Learning.Tests;

public class BackboneTests
{
    // Counts from PyCIL's definitions (without the unused fc of cifar_resnet.py) and torchvision's ResNets less fc.
    [Theory]
    [InlineData("resnet8", 3, 74_640)]
    [InlineData("resnet14", 3, 171_856)]
    [InlineData("resnet20", 3, 269_072)]
    [InlineData("resnet26", 3, 366_288)]
    [InlineData("resnet32", 3, 463_504)]
    [InlineData("resnet32", 1, 463_216)]
    [InlineData("resnet44", 3, 657_936)]
    [InlineData("resnet56", 3, 852_368)]
    [InlineData("convnet2", 3, 38_976)]
    [InlineData("convnet2", 1, 37_824)]
    [InlineData("resnet10", 3, 4_905_792)]
    [InlineData("resnet18", 3, 11_176_512)]
    [InlineData("resnet34", 3, 21_284_672)]
    public void ParameterCountsMatchTheReferences(string name, int channels, long expected)
    {
        using var model = BackboneRegistry.Create(name, channels);
        Assert.Equal(expected, model.parameter_count());
    }

    [Fact]
    public void ResNet20SplitsWhereMemoSplitsIt()
    {
        using var whole = (CifarResNet)BackboneRegistry.Create("resnet20");
        Assert.Equal(203_520, whole.stage_3.parameter_count());
        Assert.Equal(65_552, whole.parameter_count() - whole.stage_3.parameter_count());

        var (generalized, specialized) = BackboneRegistry.CreateSplit("resnet20");
        using (generalized)
        using (specialized)
        {
            Assert.Equal(65_552, generalized.parameter_count());
            Assert.Equal(203_520, specialized.parameter_count());
            // The generalized part is the whole network's prefix, name for name.
            var wholeNames = whole.state_dict().Keys.ToHashSet();
            Assert.All(generalized.state_dict().Keys, k => Assert.Contains(k, wholeNames));
            Assert.Contains("final_stage.0.conv_a.weight", specialized.state_dict().Keys);
        }
    }

    public static TheoryData<string, int, int> Inputs()
    {
        var data = new TheoryData<string, int, int>();
        foreach (var name in BackboneRegistry.Names)
        {
            data.Add(name, 3, 32);
            // VGG16's five 2x2 pools need 32 pixels: 28 ends at 0x0.
            if (name != "vgg16bn") data.Add(name, 1, 28);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void ForwardGivesOneFeatureVectorPerImage(string name, int channels, int size)
    {
        using var scope = torch.NewDisposeScope();
        using var model = BackboneRegistry.Create(name, channels);
        var x = torch.randn([2, channels, size, size]);
        Assert.Equal([2, model.OutDim], model.forward(x).shape);

        if (!BackboneRegistry.HasSplit(name)) return;
        var (generalized, specialized) = BackboneRegistry.CreateSplit(name, channels);
        using (generalized)
        using (specialized)
            Assert.Equal([2, specialized.OutDim], specialized.forward(generalized.forward(x)).shape);
    }

    [Fact]
    public void DownsampleASubsamplesAndPadsWithZeroChannels()
    {
        using var scope = torch.NewDisposeScope();
        // One image, 2 channels of 4x4 holding 0..31.
        var x = torch.arange(32, ScalarType.Float32).reshape(1, 2, 4, 4);
        var y = new DownsampleA(2).forward(x);
        Assert.Equal([1, 4, 2, 2], y.shape);
        // Rows and columns 0 and 2 of each channel, then two channels of zeros.
        float[] expected = [0, 2, 8, 10, 16, 18, 24, 26, 0, 0, 0, 0, 0, 0, 0, 0];
        Assert.Equal(expected, y.data<float>());
    }

    [Fact]
    public void StateDictNamesAreThoseOfPyCil()
    {
        using var model = BackboneRegistry.Create("resnet32");
        var state = model.state_dict();
        try
        {
            // 31 convolutions (weight) + 31 batch norms (weight, bias, running_mean, running_var, num_batches_tracked).
            Assert.Equal(31 + 31 * 5, state.Count);
            string[] names =
            [
                "conv_1_3x3.weight", "bn_1.weight", "bn_1.bias", "bn_1.running_mean", "bn_1.num_batches_tracked",
                "stage_1.0.conv_a.weight", "stage_1.0.bn_a.weight", "stage_1.0.conv_b.weight", "stage_1.0.bn_b.running_var",
                "stage_2.0.conv_a.weight", "stage_3.4.conv_b.weight", "stage_3.4.bn_b.bias",
            ];
            Assert.All(names, n => Assert.Contains(n, state.Keys));
            Assert.Equal([32, 16, 3, 3], state["stage_2.0.conv_a.weight"].shape);
            Assert.DoesNotContain(state.Keys, k => k.StartsWith("fc.") || k.Contains("downsample"));
        }
        finally
        {
            foreach (var t in state.Values) t.Dispose();
        }
    }

    [Fact]
    public void ImageNetResNetUsesTorchvisionNames()
    {
        using var model = BackboneRegistry.Create("resnet18");
        var names = model.named_parameters().Select(p => p.name).ToHashSet();
        string[] expected = ["conv1.weight", "bn1.weight", "layer1.0.conv1.weight", "layer1.1.bn2.bias",
            "layer2.0.downsample.0.weight", "layer2.0.downsample.1.weight", "layer4.1.conv2.weight"];
        Assert.All(expected, n => Assert.Contains(n, names));
        Assert.DoesNotContain("layer1.0.downsample.0.weight", names);
    }

    [Fact]
    public void ConvolutionsAreKaimingNormalFanOutAndBatchNormsIdentity()
    {
        using var scope = torch.NewDisposeScope();
        using var model = BackboneRegistry.Create("resnet32");
        var w = model.named_parameters().Single(p => p.name == "stage_3.1.conv_a.weight").parameter;
        var std = w.std().item();
        Assert.InRange(std, Math.Sqrt(2.0 / (9 * 64)) * 0.97, Math.Sqrt(2.0 / (9 * 64)) * 1.03);
        Assert.InRange(w.mean().item(), -0.002, 0.002);
        var bnWeight = model.named_parameters().Single(p => p.name == "stage_3.1.bn_a.weight").parameter;
        Assert.Equal(64, bnWeight.eq(1).sum().item());
    }

    [Fact]
    public void TrainingStepLeavesNoLiveTensorsBehind()
    {
        using var model = BackboneRegistry.Create("resnet8");
        using var optimizer = new torch.optim.SGD(model.parameters(), 0.1, momentum: 0.9);
        void Step()
        {
            using var scope = torch.NewDisposeScope();
            var loss = model.forward(torch.randn([4, 3, 16, 16])).pow(2).mean();
            loss.backward();
            optimizer.step();
            optimizer.zero_grad();
        }
        Step();
        var live = torch.LiveTensorCount;
        Step();
        Assert.Equal(live, torch.LiveTensorCount);
    }

    [Theory]
    // LeNet-5 (CPG): conv 3->20 5x5 (1,520), conv 20->50 (25,050), fc 1250->800 (1,000,800), fc 800->500 (400,500).
    [InlineData("lenet5", 1.0, 1_427_870, 500)]
    // Half width: conv 3->10 (760), 10->25 (6,275), fc 625->400 (250,400), 400->250 (100,250).
    [InlineData("lenet5", 0.5, 357_685, 250)]
    // torchvision's vgg16_bn features: 14,714,688 conv parameters + 2 x 4,224 BN parameters.
    [InlineData("vgg16bn", 1.0, 14_723_136, 512)]
    public void SlimBackbonesScaleEveryLayersChannels(string name, double width, long parameters, long outDim)
    {
        using var model = BackboneRegistry.Create(name, 3, width);
        Assert.Equal(parameters, model.parameter_count());
        Assert.Equal(outDim, model.OutDim);
    }

    [Fact]
    public void AWidthForABackboneWithoutOneIsRefusedNamingThoseThatHaveIt()
    {
        var e = Assert.Throws<ArgumentException>(() => BackboneRegistry.Create("resnet32", 3, 0.5));
        Assert.Contains("backbone 'resnet32' has no width option (width 0.5)", e.Message);
        Assert.Contains("lenet5, vgg16bn", e.Message);
    }
}
