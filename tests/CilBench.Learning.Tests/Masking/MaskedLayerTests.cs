using CilBench.Learning.Backbones;
using CilBench.Learning.Masking;
using CilBench.Torch;
using static CilBench.Torch.torch.optim;

namespace CilBench.Learning.Tests.Masking;

public class MaskedLayerTests
{
    public static TheoryData<string> Backbones() => ["lenet5", "convnet2", "resnet8", "vgg16bn"];

    [Theory]
    [MemberData(nameof(Backbones))]
    public void AnyBackboneOfConvAndLinearLayersComputesWithTheMaskedWeights(string name)
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(5);
        using var masked = BackboneRegistry.Create(name, 3);
        using var reference = BackboneRegistry.Create(name, 3);
        reference.load_state_dict(masked.state_dict());
        var layers = MaskedLayer.Attach(masked);
        var norms = MaskedNorm.Attach(masked, layers);
        Assert.Equal(masked.modules().Count(m => m is torch.nn.Conv2d or torch.nn.Linear), layers.Count);
        Assert.Equal(masked.modules().Count(m => m is torch.nn.BatchNorm2d), norms.Count);

        // Independent truth: the same network with W * K and b * C (and BN's gamma, beta * C) written into its weights.
        var referenceLayers = reference.named_modules().Where(m => m.module is torch.nn.Conv2d or torch.nn.Linear).ToDictionary(m => m.name, m => m.module);
        using (torch.no_grad())
            foreach (var l in layers)
            {
                var k = torch.rand([l.OutChannels, l.InChannels]).gt(0.3).to(ScalarType.Float32);
                var c = torch.rand([l.OutChannels]).gt(0.2).to(ScalarType.Float32);
                (l.KernelMask, l.ChannelMask) = (k, c);
                var (w, b) = referenceLayers[l.Name] switch
                {
                    torch.nn.Conv2d conv => (conv.weight, conv.bias),
                    torch.nn.Linear linear => (linear.weight, linear.bias),
                    _ => throw new InvalidOperationException(),
                };
                w.mul_(l.Weight.dim() == 4 ? k.view([l.OutChannels, l.InChannels, 1, 1]) : k);
                b?.mul_(c);
                foreach (var n in norms.Where(n => n.Layer == l))
                {
                    var rn = (torch.nn.BatchNorm2d)reference.named_modules().Single(m => m.name == n.Name).module;
                    rn.weight!.mul_(c);
                    rn.bias!.mul_(c);
                }
            }
        var x = torch.randn([2, 3, 32, 32]);
        masked.eval();
        reference.eval();
        Assert.True(masked.forward(x).allclose(reference.forward(x), rtol: 1e-5, atol: 1e-6));
        foreach (var n in norms) n.Dispose();
        foreach (var l in layers) l.Dispose();
    }

    [Fact]
    public void FrozenKernelsKeepTheirValuesThroughOptimiserStepsWithMomentumAndWeightDecay()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(2);
        using var conv = new torch.nn.Conv2d(3, 4, 3);
        var layer = MaskedLayer.Attach(conv).Single();
        var frozen = torch.rand([4, 3]).gt(0.5);
        layer.Freeze(frozen, torch.tensor(new[] { true, false, true, false }));
        var (before, beforeBias) = layer.Effective();
        using var sgd = new SGD(conv.parameters(), 0.5, momentum: 0.9, weight_decay: 0.1);
        for (var step = 0; step < 3; step++)
        {
            sgd.zero_grad();
            conv.forward(torch.randn([2, 3, 5, 5])).square().sum().backward();
            sgd.step();
        }
        var (after, afterBias) = layer.Effective();
        var kernels = frozen.view([4, 3, 1, 1]).expand_as(before);
        Assert.True(before.masked_select(kernels).equal(after.masked_select(kernels)));
        Assert.False(before.masked_select(kernels.logical_not()).equal(after.masked_select(kernels.logical_not())));
        var biases = torch.tensor(new[] { true, false, true, false });
        Assert.True(beforeBias!.masked_select(biases).equal(afterBias!.masked_select(biases)));
        layer.Dispose();
    }

    [Fact]
    public void AChannelMaskedToZeroLeavesConvolutionAndNormAsExactZerosInTraining()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(4);
        using var net = new torch.nn.Sequential(new torch.nn.Conv2d(3, 4, 3), new torch.nn.BatchNorm2d(4));
        var layers = MaskedLayer.Attach(net);
        var norms = MaskedNorm.Attach(net, layers);
        layers[0].ChannelMask = torch.tensor(new[] { 1f, 0f, 1f, 1f });
        layers[0].KernelMask = layers[0].ChannelMask!.unsqueeze(1).expand([4, 3]);
        var y = net.forward(torch.randn([3, 3, 6, 6]));
        Assert.Equal(0, y.select(1, 1).abs().max().item());
        Assert.True(y.select(1, 0).abs().max().item() > 0);
        norms[0].Dispose();
        layers[0].Dispose();
    }

    [Fact]
    public void ANormWithNoLayerOfItsWidthBeforeItIsRefused()
    {
        using var net = new torch.nn.Sequential(new torch.nn.Conv2d(3, 4, 3), new torch.nn.BatchNorm2d(5));
        var layers = MaskedLayer.Attach(net);
        var e = Assert.Throws<ArgumentException>(() => MaskedNorm.Attach(net, layers));
        Assert.Contains("batch norm '1' (5 channels)", e.Message);
        Assert.Contains("'0' with 4", e.Message);
        layers[0].Dispose();
    }
}
