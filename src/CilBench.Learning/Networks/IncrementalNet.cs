using CilBench.Learning.Backbones;
using CilBench.Torch;

namespace CilBench.Learning.Networks;

/// <summary>
/// PyCIL's IncrementalNet (utils/inc_net.py): a backbone and a linear classifier over all classes seen so far that
/// grows by copying its old rows.
/// </summary>
public sealed class IncrementalNet : torch.nn.Module
{
    public IncrementalNet(string backbone, int inChannels, Device device)
    {
        Backbone = register_module("backbone", BackboneRegistry.Create(backbone, inChannels));
        Backbone.to(device);
        BackboneName = backbone;
        InChannels = inChannels;
    }

    public Backbone Backbone { get; }

    public string BackboneName { get; }

    public int InChannels { get; }

    public SimpleLinear? Fc { get; private set; }

    public long Classes => Fc?.OutFeatures ?? 0;

    /// <summary>Grows (or creates) the classifier to <paramref name="classes"/> outputs.</summary>
    public void UpdateFc(long classes)
    {
        var grown = Fc is null ? new SimpleLinear(Backbone.OutDim, classes, Backbone.parameters().First().device) : Fc.Grow(classes);
        Fc = register_module("fc", grown);
    }

    /// <summary>Pooled backbone features.</summary>
    public Tensor Features(Tensor x) => Backbone.forward(x);

    /// <summary>Features and logits over all classes seen.</summary>
    public (Tensor features, Tensor logits) Forward(Tensor x)
    {
        var f = Backbone.forward(x);
        return (f, (Fc ?? throw new InvalidOperationException("the classifier has no classes yet")).forward(f));
    }

    /// <summary>A deep copy (same architecture, copied parameters and buffers), e.g. the frozen teacher of a task.</summary>
    public IncrementalNet Copy()
    {
        var device = Backbone.parameters().First().device;
        var copy = new IncrementalNet(BackboneName, InChannels, device);
        if (Fc is not null) copy.UpdateFc(Fc.OutFeatures);
        using var scope = torch.NewDisposeScope();
        copy.load_state_dict(state_dict());
        return copy;
    }

    /// <summary>Stops gradients and switches to eval mode (PyCIL's freeze()).</summary>
    public IncrementalNet Freeze()
    {
        requires_grad_(false);
        eval();
        return this;
    }
}
