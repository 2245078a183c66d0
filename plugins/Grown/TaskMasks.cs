using CilBench.Learning.Masking;
using CilBench.Torch;

namespace CilBench.Plugins.Grown;

/// <summary>
/// The masks learned for one task on one layer of the pool, as GROWN composes them (Eq. 3, 5-8). With U the kernels
/// earlier tasks use (frozen), E the existing channels and N the candidate channels (growth only):
/// <code>
/// K[o, i] = U[o, i] m_s[o, i] + E[o] (1 - U[o, i]) m_a[o, i] + N[o] m_g[o] m_a[o, i]
/// C[o]    = E[o] + N[o] m_g[o]
/// </code>
/// m_s the selective mask on old kernels (Gumbel-sigmoid, Eq. 6), m_a the attentive mask on trainable kernels (old
/// channels' released kernels and grown channels' kernels) and m_g the grown mask on candidate channels, both relaxed as
/// sigmoid(beta s) (continuous sparsification). After training each is binarised: m_s = 1[s_s &gt; 0], m_a = 1[s_a &gt; 0],
/// m_g = 1[s_g &gt; 0].
/// </summary>
public sealed class TaskMasks : IDisposable
{
    private readonly List<Layer> layers = [];
    private readonly GrownOptions options;
    private readonly Generator noise;
    // The penalty's normalisers, fixed for the phase: read once here, not in every step.
    private readonly double candidateCount, trainableCount;

    /// <param name="Trainable">The kernels m_a masks: old channels' released kernels and every candidate channel's.</param>
    private sealed record Layer(MaskedLayer Target, Tensor Used, Tensor Free, Tensor Candidates, Tensor Existing, Tensor Trainable,
        torch.nn.Parameter Selective, ContinuousMask Attentive, ContinuousMask Grown) : IDisposable
    {
        public void Dispose()
        {
            foreach (var t in new[] { Used, Free, Candidates, Existing, Trainable, Selective }) t.Dispose();
            Attentive.Dispose();
            Grown.Dispose();
        }
    }

    /// <param name="net">The network; its frozen kernels are U and its existing channels E.</param>
    /// <param name="grow">Whether the pool's unused channels are candidates (N); otherwise N = 0.</param>
    /// <param name="epochs">The phase's epochs (over which the continuous masks' temperature rises).</param>
    /// <param name="options">Score initialisations, temperatures.</param>
    /// <param name="seed">Seed of the Gumbel noise.</param>
    public TaskMasks(GrownNet net, bool grow, int epochs, GrownOptions options, int seed)
    {
        this.options = options;
        noise = new Generator((ulong)(uint)seed);
        using var _ = torch.no_grad();
        for (var i = 0; i < net.Layers.Count; i++)
        {
            var l = net.Layers[i];
            using var scope = torch.NewDisposeScope();
            var used = l.FrozenKernels.to(ScalarType.Float32);
            var existing = net.Exists[i].to(ScalarType.Float32);
            var free = existing.unsqueeze(1) * (1 - used);
            var candidates = grow ? 1 - existing : torch.zeros_like(existing);
            var trainable = free + candidates.unsqueeze(1).expand_as(free);
            candidateCount += candidates.sum().item();
            trainableCount += trainable.sum().item();
            var device = l.Weight.device;
            layers.Add(new Layer(l,
                used.DetachFromDisposeScope(),
                free.DetachFromDisposeScope(),
                candidates.DetachFromDisposeScope(),
                existing.DetachFromDisposeScope(),
                trainable.DetachFromDisposeScope(),
                new torch.nn.Parameter(torch.full([l.OutChannels, l.InChannels], options.SelectiveScoreInit, device: device)),
                new ContinuousMask([l.OutChannels, l.InChannels], options.AttentiveScoreInit, epochs, options.BetaMax, device),
                new ContinuousMask([l.OutChannels], options.GrowthScoreInit, epochs, options.BetaMax, device)));
        }
    }

    /// <summary>Every score, for the optimiser.</summary>
    public IEnumerable<Tensor> Scores => layers.SelectMany(l => new Tensor[] { l.Selective, l.Attentive.Scores, l.Grown.Scores });

    /// <summary>Sets every layer's K and C for a training step: Gumbel samples of m_s, sigmoid(beta s) of m_a and m_g.</summary>
    public void ApplyRelaxed()
    {
        foreach (var l in layers)
        {
            (l.Target.KernelMask, l.Target.ChannelMask) =
                Compose(l, GumbelSigmoid.Sample(l.Selective, options.GumbelTemperature, noise), l.Attentive.Soft(), l.Grown.Soft());
        }
    }

    /// <summary>K and C from m_s, m_a and m_g as the class comment writes them (N holds only 0 and 1, so N m_g is exact and shared).</summary>
    private static (Tensor Kernels, Tensor Channels) Compose(Layer l, Tensor selective, Tensor attentive, Tensor grown)
    {
        var candidates = l.Candidates * grown;
        return (l.Used * selective + l.Free * attentive + candidates.unsqueeze(1) * attentive, l.Existing + candidates);
    }

    /// <summary>
    /// The relaxed penalty: growthLambda ||m_g||_0 over the candidate channels plus attentiveLambda ||m_a||_0 over the
    /// trainable kernels, each divided by its count of masked elements (so lambda does not scale with the pool).
    /// </summary>
    public Tensor Penalty()
    {
        var device = layers[0].Used.device;
        var grown = torch.zeros([], device: device);
        var attentive = torch.zeros([], device: device);
        foreach (var l in layers)
        {
            grown = grown + (l.Candidates * l.Grown.Soft()).sum();
            attentive = attentive + (l.Trainable * l.Attentive.Soft()).sum();
        }
        var penalty = torch.zeros([], device: device);
        if (candidateCount > 0) penalty = penalty + grown * (options.GrowthLambda / candidateCount);
        if (trainableCount > 0) penalty = penalty + attentive * (options.AttentiveLambda / trainableCount);
        return penalty;
    }

    /// <summary>Raises the continuous masks' temperature (after every epoch).</summary>
    public void RaiseTemperature()
    {
        foreach (var l in layers)
        {
            l.Attentive.RaiseTemperature();
            l.Grown.RaiseTemperature();
        }
    }

    /// <summary>The binarised masks of this task, per layer: kernels (out x in) and channels (out), bool.</summary>
    public (Tensor[] Kernels, Tensor[] Channels) Decide()
    {
        using var _ = torch.no_grad();
        var kernels = new Tensor[layers.Count];
        var channels = new Tensor[layers.Count];
        for (var i = 0; i < layers.Count; i++)
        {
            var l = layers[i];
            using var scope = torch.NewDisposeScope();
            var (k, c) = Compose(l, GumbelSigmoid.Decide(l.Selective).to(ScalarType.Float32), l.Attentive.Binary().to(ScalarType.Float32),
                l.Grown.Binary().to(ScalarType.Float32));
            kernels[i] = k.gt(0).DetachFromDisposeScope();
            channels[i] = c.gt(0).DetachFromDisposeScope();
        }
        return (kernels, channels);
    }

    /// <summary>Sets every layer's K and C to binary masks (validation with the decided masks).</summary>
    public void ApplyBinary(Tensor[] kernels, Tensor[] channels)
    {
        for (var i = 0; i < layers.Count; i++)
        {
            layers[i].Target.KernelMask = kernels[i].to(ScalarType.Float32);
            layers[i].Target.ChannelMask = channels[i].to(ScalarType.Float32);
        }
    }

    /// <summary>Candidate channels per layer that the grown mask kept (after <see cref="Decide"/>).</summary>
    public long[] Grown(Tensor[] channels) =>
        layers.Select((l, i) => (long)Math.Round(channels[i].to(ScalarType.Float32).sub(l.Existing).sum().item())).ToArray();

    public void Dispose()
    {
        foreach (var l in layers)
        {
            l.Target.KernelMask = null;
            l.Target.ChannelMask = null;
            l.Dispose();
        }
        noise.Dispose();
    }
}
