using CilBench.Torch;

namespace CilBench.Learning.Masking;

/// <summary>
/// A <see cref="torch.nn.Conv2d"/> or <see cref="torch.nn.Linear"/> whose effective weights are masked, attached to
/// the layer as its parametrization so any network built of these layers takes masks without a change to its code:
/// <code>
/// W_eff[o, i] = K[o, i] * (F[o, i] ? Wf[o, i] : W[o, i])     (one kernel per (out, in) pair; a Linear's is a scalar)
/// b_eff[o]    = C[o]    * (G[o]    ? bf[o]    : b[o])
/// </code>
/// with K the kernel mask and C the channel mask of the forward pass (null: all ones), F the frozen kernels and G the
/// frozen biases, whose values Wf and bf are kept apart from the trained parameters: an optimiser step (momentum,
/// weight decay) on W and b can never change a frozen value.
/// </summary>
public sealed class MaskedLayer : torch.nn.IWeightParametrization, IDisposable
{
    private readonly torch.nn.Module layer;
    private readonly long[] kernelView;

    private MaskedLayer(string name, torch.nn.Module layer, torch.nn.Parameter weight, torch.nn.Parameter? bias)
    {
        (Name, this.layer, Weight, Bias) = (name, layer, weight, bias);
        OutChannels = weight.size(0);
        InChannels = weight.size(1);
        kernelView = weight.dim() == 4 ? [OutChannels, InChannels, 1, 1] : [OutChannels, InChannels];
        var device = weight.device;
        FrozenKernels = torch.zeros([OutChannels, InChannels], ScalarType.Bool, device);
        FrozenWeight = torch.zeros_like(weight);
        FrozenBiases = torch.zeros([OutChannels], ScalarType.Bool, device);
        FrozenBias = torch.zeros([OutChannels], device: device);
    }

    /// <summary>The layer's dotted name in its network.</summary>
    public string Name { get; }

    public torch.nn.Parameter Weight { get; }

    public torch.nn.Parameter? Bias { get; }

    public long OutChannels { get; }

    public long InChannels { get; }

    /// <summary>Elements of one kernel (k * k for a convolution, 1 for a linear layer).</summary>
    public long KernelElements => Weight.numel() / (OutChannels * InChannels);

    /// <summary>A per-kernel tensor (out x in) spread over the weight's elements (a view of the weight's shape).</summary>
    public Tensor SpreadKernels(Tensor kernels) => kernels.view(kernelView).expand(Weight.shape);

    /// <summary>Kernel mask K (out x in, float) of the next forward passes; null means all ones.</summary>
    public Tensor? KernelMask { get; set; }

    /// <summary>Channel mask C (out, float) of the next forward passes; null means all ones.</summary>
    public Tensor? ChannelMask { get; set; }

    /// <summary>F: kernels whose values are frozen (bool, out x in).</summary>
    public Tensor FrozenKernels { get; }

    /// <summary>Wf: the frozen kernels' values (zero elsewhere).</summary>
    public Tensor FrozenWeight { get; }

    /// <summary>G: output channels whose bias is frozen (bool, out).</summary>
    public Tensor FrozenBiases { get; }

    /// <summary>bf: the frozen biases (zero elsewhere).</summary>
    public Tensor FrozenBias { get; }

    /// <summary>Every Conv2d and Linear of <paramref name="root"/>, in module order, each given a masked parametrization.</summary>
    /// <exception cref="ArgumentException">A grouped convolution (kernels are per (out, in) pair only without groups).</exception>
    public static List<MaskedLayer> Attach(torch.nn.Module root)
    {
        var layers = new List<MaskedLayer>();
        foreach (var (name, module) in root.named_modules())
        {
            switch (module)
            {
                case torch.nn.Conv2d conv:
                    if (conv.groups != 1)
                        throw new ArgumentException($"layer '{name}' is a grouped convolution (groups={conv.groups}); kernel masks need groups=1");
                    layers.Add(conv.parametrization is null
                        ? Set(new MaskedLayer(name, conv, conv.weight, conv.bias), l => conv.parametrization = l)
                        : throw new ArgumentException($"layer '{name}' already has a parametrization"));
                    break;
                case torch.nn.Linear linear:
                    layers.Add(linear.parametrization is null
                        ? Set(new MaskedLayer(name, linear, linear.weight, linear.bias), l => linear.parametrization = l)
                        : throw new ArgumentException($"layer '{name}' already has a parametrization"));
                    break;
            }
        }
        return layers;
    }

    private static MaskedLayer Set(MaskedLayer layer, Action<MaskedLayer> attach)
    {
        attach(layer);
        return layer;
    }

    public (Tensor weight, Tensor? bias) Apply(Tensor weight, Tensor? bias)
    {
        var w = torch.where(FrozenKernels.view(kernelView), FrozenWeight, weight);
        if (KernelMask is { } k) w = w * k.view(kernelView);
        if (bias is null) return (w, null);
        var b = torch.where(FrozenBiases, FrozenBias, bias);
        if (ChannelMask is { } c) b = b * c;
        return (w, b);
    }

    /// <summary>The effective weight and bias under the current masks, detached (what the forward pass computes with).</summary>
    public (Tensor weight, Tensor? bias) Effective()
    {
        using var _ = torch.no_grad();
        return Apply(Weight, Bias);
    }

    /// <summary>
    /// Freezes the current values of <paramref name="kernels"/> (out x in) and of the biases of <paramref name="biases"/>
    /// (out), where they are not frozen yet; a frozen value never changes again.
    /// </summary>
    public void Freeze(Tensor kernels, Tensor biases)
    {
        using var _ = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var newKernels = kernels.logical_and(FrozenKernels.logical_not());
        FrozenWeight.copy_(torch.where(newKernels.view(kernelView), Weight, FrozenWeight));
        FrozenKernels.copy_(FrozenKernels.logical_or(kernels));
        if (Bias is not null)
            FrozenBias.copy_(torch.where(biases.logical_and(FrozenBiases.logical_not()), Bias, FrozenBias));
        FrozenBiases.copy_(FrozenBiases.logical_or(biases));
    }

    /// <summary>Sets the frozen kernels and biases and their values (e.g. from a saved state).</summary>
    public void Restore(Tensor kernels, Tensor weight, Tensor biases, Tensor bias)
    {
        using var _ = torch.no_grad();
        FrozenKernels.copy_(kernels);
        FrozenWeight.copy_(weight);
        FrozenBiases.copy_(biases);
        FrozenBias.copy_(bias);
    }

    /// <summary>Detaches the parametrization from the layer and frees the frozen tensors.</summary>
    public void Dispose()
    {
        switch (layer)
        {
            case torch.nn.Conv2d conv when ReferenceEquals(conv.parametrization, this):
                conv.parametrization = null;
                break;
            case torch.nn.Linear linear when ReferenceEquals(linear.parametrization, this):
                linear.parametrization = null;
                break;
        }
        FrozenKernels.Dispose();
        FrozenWeight.Dispose();
        FrozenBiases.Dispose();
        FrozenBias.Dispose();
    }
}
