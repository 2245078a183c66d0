using CilBench.Abstractions;
using CilBench.Learning.Masking;
using CilBench.Torch;

namespace CilBench.Plugins.Grown;

/// <summary>
/// What GROWN keeps, and nothing else: per layer the values of the kernels some task uses and the biases of the
/// existing channels (<c>layers.*</c>, compacted: unused and pruned channels take no bytes); per task its masks, one bit
/// per element (<c>tasks.t.masks.*</c>, <see cref="BitMask"/>), its batch norms over the channels it uses and its head.
/// Everything else (which kernels are frozen, which channels exist) is the union of the tasks' masks.
/// </summary>
public static class GrownState
{
    public static Dictionary<string, StateEntry> Compact(GrownNet net)
    {
        using var _ = torch.no_grad();
        var state = new Dictionary<string, StateEntry>(StringComparer.Ordinal);
        void Add(string name, Tensor t, StateKind kind, bool backbone = false) =>
            state[name] = new StateEntry(t.DetachFromDisposeScope(), kind, backbone);

        foreach (var l in net.Layers)
        {
            Add($"layers.{l.Name}.weight", l.FrozenWeight.masked_select(l.SpreadKernels(l.FrozenKernels)), StateKind.Parameter, true);
            if (l.Bias is not null) Add($"layers.{l.Name}.bias", l.FrozenBias.masked_select(l.FrozenBiases), StateKind.Parameter, true);
        }
        for (var t = 0; t < net.Tasks.Count; t++)
        {
            var task = net.Tasks[t];
            for (var i = 0; i < net.Layers.Count; i++)
            {
                Add($"tasks.{t}.masks.{net.Layers[i].Name}.kernels", BitMask.Pack(task.Kernels[i]), StateKind.Buffer);
                Add($"tasks.{t}.masks.{net.Layers[i].Name}.channels", BitMask.Pack(task.Channels[i]), StateKind.Buffer);
            }
            for (var j = 0; j < net.Norms.Count; j++)
            {
                var used = task.Channels[net.Layers.IndexOf(net.Norms[j].Layer)];
                var (w, b, mean, variance) = task.Norms[j];
                var prefix = $"tasks.{t}.norms.{net.Norms[j].Name}.";
                Add(prefix + "weight", w.masked_select(used), StateKind.Parameter);
                Add(prefix + "bias", b.masked_select(used), StateKind.Parameter);
                Add(prefix + "running_mean", mean.masked_select(used), StateKind.Buffer);
                Add(prefix + "running_var", variance.masked_select(used), StateKind.Buffer);
            }
            Add($"tasks.{t}.head.weight", task.Head.weight.detach().clone(), StateKind.Parameter);
            Add($"tasks.{t}.head.bias", task.Head.bias!.detach().clone(), StateKind.Parameter);
        }
        return state;
    }

    /// <summary>Rebuilds a fresh network's tasks, frozen values and existing channels from <see cref="Compact"/>'s tensors.</summary>
    public static void Load(GrownNet net, LearnerState state, long[] classes, Device device)
    {
        using var _ = torch.no_grad();
        Tensor Get(string name) => state.Tensors.TryGetValue(name, out var e)
            ? e.Tensor.to(device)
            : throw new ArgumentException($"grown: the state lacks '{name}'");

        var frozen = net.Layers.Select(l => torch.zeros([l.OutChannels, l.InChannels], ScalarType.Bool, device).DetachFromDisposeScope()).ToArray();
        var existing = net.Layers.Select(l => torch.zeros([l.OutChannels], ScalarType.Bool, device).DetachFromDisposeScope()).ToArray();
        for (var t = 0; t < classes.Length; t++)
        {
            var kernels = new Tensor[net.Layers.Count];
            var channels = new Tensor[net.Layers.Count];
            for (var i = 0; i < net.Layers.Count; i++)
            {
                var l = net.Layers[i];
                kernels[i] = BitMask.Unpack(Get($"tasks.{t}.masks.{l.Name}.kernels"), [l.OutChannels, l.InChannels], device);
                channels[i] = BitMask.Unpack(Get($"tasks.{t}.masks.{l.Name}.channels"), [l.OutChannels], device);
                frozen[i].copy_(frozen[i].logical_or(kernels[i]));
                existing[i].copy_(existing[i].logical_or(channels[i]));
            }
            var norms = net.Norms.Select(n =>
            {
                var used = channels[net.Layers.IndexOf(n.Layer)];
                var prefix = $"tasks.{t}.norms.{n.Name}.";
                // Channels the task does not use are gated to zero whatever their values; these are the fresh ones.
                return (Scatter(used, Get(prefix + "weight"), 0), Scatter(used, Get(prefix + "bias"), 0),
                    Scatter(used, Get(prefix + "running_mean"), 0), Scatter(used, Get(prefix + "running_var"), 1));
            }).ToArray();
            var head = new torch.nn.Linear(net.Pool.OutDim, classes[t], device: device);
            head.load_state_dict(new Dictionary<string, Tensor> { ["weight"] = Get($"tasks.{t}.head.weight"), ["bias"] = Get($"tasks.{t}.head.bias") });
            net.Tasks.Add(new GrownTask(kernels, channels, norms, head));
        }
        for (var i = 0; i < net.Layers.Count; i++)
        {
            var l = net.Layers[i];
            var weight = Scatter(l.SpreadKernels(frozen[i]), Get($"layers.{l.Name}.weight"), 0);
            var bias = l.Bias is null ? torch.zeros([l.OutChannels], device: device) : Scatter(existing[i], Get($"layers.{l.Name}.bias"), 0);
            l.Restore(frozen[i], weight, existing[i], bias);
            net.Exists[i].copy_(existing[i]);
        }
    }

    /// <summary>A tensor of <paramref name="mask"/>'s shape holding <paramref name="values"/> where the mask is set, <paramref name="fill"/> elsewhere.</summary>
    private static Tensor Scatter(Tensor mask, Tensor values, double fill)
    {
        if (values.numel() != mask.sum().item<long>())
            throw new ArgumentException($"grown: the state holds {values.numel()} values for a mask of {mask.sum().item<long>()} elements");
        var flat = torch.full([mask.numel()], fill, device: mask.device);
        flat.index_put_([mask.flatten().nonzero().squeeze(1)], values.flatten());
        return flat.view(mask.shape).DetachFromDisposeScope();
    }
}
