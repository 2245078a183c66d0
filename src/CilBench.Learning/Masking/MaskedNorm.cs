using CilBench.Torch;

namespace CilBench.Learning.Masking;

/// <summary>
/// A batch norm gated by the channel mask of the layer it normalises: gamma_eff = C * gamma, beta_eff = C * beta. A
/// channel whose mask is 0 then leaves the norm as exact zeros (its convolution's rows are masked too), so whatever
/// reads it downstream sees nothing of it, in training and in evaluation.
/// </summary>
public sealed class MaskedNorm : torch.nn.IWeightParametrization, IDisposable
{
    private MaskedNorm(string name, torch.nn.BatchNorm2d norm, MaskedLayer layer) => (Name, Norm, Layer) = (name, norm, layer);

    /// <summary>The norm's dotted name in its network.</summary>
    public string Name { get; }

    public torch.nn.BatchNorm2d Norm { get; }

    /// <summary>The layer whose output channels this norm normalises.</summary>
    public MaskedLayer Layer { get; }

    /// <summary>
    /// Pairs every BatchNorm2d of <paramref name="root"/> with the closest masked layer before it in module order (a
    /// convolution and its norm are registered in that order in every backbone here) and gates it by that layer's
    /// channel mask.
    /// </summary>
    /// <exception cref="ArgumentException">A norm with no layer before it, of another channel count, or not affine.</exception>
    public static List<MaskedNorm> Attach(torch.nn.Module root, IReadOnlyList<MaskedLayer> layers)
    {
        var byName = layers.ToDictionary(l => l.Name);
        var norms = new List<MaskedNorm>();
        MaskedLayer? last = null;
        foreach (var (name, module) in root.named_modules())
        {
            if (byName.TryGetValue(name, out var layer)) last = layer;
            if (module is not torch.nn.BatchNorm2d norm) continue;
            if (last is null || last.OutChannels != norm.num_features || norm.weight is null || norm.parametrization is not null)
                throw new ArgumentException(
                    $"batch norm '{name}' ({norm.num_features} channels) cannot be gated: it needs an affine norm after a conv/linear layer of as many output channels"
                    + (last is null ? ", and none comes before it" : $", the one before it is '{last.Name}' with {last.OutChannels}"));
            var masked = new MaskedNorm(name, norm, last);
            norm.parametrization = masked;
            norms.Add(masked);
        }
        return norms;
    }

    public (Tensor weight, Tensor? bias) Apply(Tensor weight, Tensor? bias) =>
        Layer.ChannelMask is { } c ? (weight * c, bias is null ? null : bias * c) : (weight, bias);

    public void Dispose()
    {
        if (ReferenceEquals(Norm.parametrization, this)) Norm.parametrization = null;
    }
}
