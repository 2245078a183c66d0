using CilBench.Learning.Backbones;
using CilBench.Learning.Masking;
using CilBench.Torch;

namespace CilBench.Plugins.Grown;

/// <summary>
/// The shared network of every task: a channel pool (the backbone at <c>maxWidth</c>) whose conv, linear and batch
/// norm layers are masked (<see cref="MaskedLayer"/>, <see cref="MaskedNorm"/>), the channels that exist (the seed
/// network's, then every channel grown and kept), and per task its binary masks, batch-norm statistics and head.
/// A kernel that any task's mask uses is frozen (its value kept apart from the trained weights), so an old task's
/// effective weights never change.
/// </summary>
public sealed class GrownNet : IDisposable
{
    public GrownNet(string backbone, int inChannels, double seedWidth, double maxWidth, Device device, int seed)
    {
        Pool = InitialWeights.Build(seed, () => BackboneRegistry.Create(backbone, inChannels, maxWidth));
        Pool.to(device);
        Layers = MaskedLayer.Attach(Pool);
        Norms = MaskedNorm.Attach(Pool, Layers);
        // The seed network: the first seedWidth / maxWidth of every layer's channels.
        Exists = Layers.Select(l =>
        {
            var seedChannels = Math.Max(1, (long)Math.Round(l.OutChannels * seedWidth / maxWidth));
            return torch.arange(l.OutChannels, device: device).lt(seedChannels).DetachFromDisposeScope();
        }).ToList();
    }

    public Backbone Pool { get; }

    public List<MaskedLayer> Layers { get; }

    public List<MaskedNorm> Norms { get; }

    /// <summary>Per layer, the output channels that exist (bool): the seed's and those grown and kept.</summary>
    public List<Tensor> Exists { get; }

    /// <summary>Every task learned, in order.</summary>
    public List<GrownTask> Tasks { get; } = [];

    /// <summary>
    /// Re-initialises every trainable weight and bias (<see cref="Initialise"/>, from <paramref name="generator"/>) and
    /// resets the batch norms (weight 1, bias 0, statistics 0 and 1): the start of a task's training. Frozen values
    /// are kept apart and do not change; free (released) kernels and candidate channels start fresh.
    /// </summary>
    public void Reinitialise(Generator generator)
    {
        Initialise(Pool, generator);
        using var _ = torch.no_grad();
        foreach (var n in Norms)
        {
            n.Norm.running_mean.fill_(0);
            n.Norm.running_var.fill_(1);
        }
    }

    /// <summary>
    /// Kaiming-normal weights (fan in, relu gain) and zero biases for every conv and linear layer, batch norms 1 and 0:
    /// activations keep their scale through the masked layers (PyTorch's default uniform init shrinks them by about
    /// 1/sqrt(3) per layer, which a multiplicative mask compounds).
    /// </summary>
    public static void Initialise(torch.nn.Module root, Generator generator)
    {
        using var _ = torch.no_grad();
        foreach (var m in root.modules())
        {
            var (weight, bias) = m switch
            {
                torch.nn.Conv2d conv => (conv.weight, conv.bias),
                torch.nn.Linear linear => (linear.weight, linear.bias),
                torch.nn.BatchNorm2d norm => (norm.weight, norm.bias),
                _ => (null, null),
            };
            if (weight is null) continue;
            if (m is torch.nn.BatchNorm2d) weight.fill_(1);
            else torch.nn.init.kaiming_normal_(weight, nonlinearity: "relu", generator: generator);
            bias?.fill_(0);
        }
    }

    /// <summary>Sets the masks and batch norms of task <paramref name="t"/> for the next forward passes.</summary>
    public void Use(int t)
    {
        var task = Tasks[t];
        for (var i = 0; i < Layers.Count; i++)
        {
            Layers[i].KernelMask = task.KernelFloats[i];
            Layers[i].ChannelMask = task.ChannelFloats[i];
        }
        using var _ = torch.no_grad();
        for (var i = 0; i < Norms.Count; i++)
        {
            var (w, b, mean, variance) = task.Norms[i];
            Norms[i].Norm.weight!.copy_(w);
            Norms[i].Norm.bias!.copy_(b);
            Norms[i].Norm.running_mean.copy_(mean);
            Norms[i].Norm.running_var.copy_(variance);
        }
    }

    /// <summary>Task <paramref name="t"/>'s logits over its own classes (eval mode, its masks and norms).</summary>
    public Tensor Logits(int t, Tensor images)
    {
        Use(t);
        Pool.eval();
        using var scope = torch.NewDisposeScope();
        return Tasks[t].Head.forward(Pool.forward(images)).MoveToOuterScope();
    }

    /// <summary>
    /// Adds a task: freezes every kernel its mask uses and every bias of its channels (values not frozen yet are
    /// taken from the trained weights), and the channels it uses become existing channels.
    /// </summary>
    public void Commit(Tensor[] kernels, Tensor[] channels, torch.nn.Linear head)
    {
        for (var i = 0; i < Layers.Count; i++)
        {
            Layers[i].Freeze(kernels[i], channels[i]);
            using (torch.no_grad()) Exists[i].copy_(Exists[i].logical_or(channels[i]));
        }
        var norms = Norms.Select(n => (Snapshot(n.Norm.weight!), Snapshot(n.Norm.bias!), Snapshot(n.Norm.running_mean), Snapshot(n.Norm.running_var))).ToArray();
        Tasks.Add(new GrownTask(kernels, channels, norms, head));
    }

    private static Tensor Snapshot(Tensor t)
    {
        using var _ = torch.no_grad();
        return t.detach().clone().DetachFromDisposeScope();
    }

    public void Dispose()
    {
        foreach (var t in Tasks) t.Dispose();
        foreach (var n in Norms) n.Dispose();
        foreach (var l in Layers) l.Dispose();
        foreach (var e in Exists) e.Dispose();
        Pool.Dispose();
    }
}

/// <summary>One learned task: per layer its kernel mask (out x in) and channel mask (out), bool; its batch norms; its head.</summary>
public sealed class GrownTask : IDisposable
{
    public GrownTask(Tensor[] kernels, Tensor[] channels, (Tensor Weight, Tensor Bias, Tensor Mean, Tensor Var)[] norms, torch.nn.Linear head)
    {
        (Kernels, Channels, Norms, Head) = (kernels, channels, norms, head);
        foreach (var t in kernels.Concat(channels)) t.DetachFromDisposeScope();
        KernelFloats = kernels.Select(k => k.to(ScalarType.Float32).DetachFromDisposeScope()).ToArray();
        ChannelFloats = channels.Select(c => c.to(ScalarType.Float32).DetachFromDisposeScope()).ToArray();
    }

    public Tensor[] Kernels { get; }

    public Tensor[] Channels { get; }

    public Tensor[] KernelFloats { get; }

    public Tensor[] ChannelFloats { get; }

    public (Tensor Weight, Tensor Bias, Tensor Mean, Tensor Var)[] Norms { get; }

    public torch.nn.Linear Head { get; }

    public long Classes => Head.out_features;

    public void Dispose()
    {
        foreach (var t in Kernels.Concat(Channels).Concat(KernelFloats).Concat(ChannelFloats)) t.Dispose();
        foreach (var (w, b, m, v) in Norms)
        {
            w.Dispose();
            b.Dispose();
            m.Dispose();
            v.Dispose();
        }
        Head.Dispose();
    }
}
