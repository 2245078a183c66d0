using CilBench.Learning.Backbones;
using CilBench.Learning.Networks;
using CilBench.Torch;

namespace CilBench.Plugins.Grace;

/// <summary>
/// GRACE's GRACENet (utils/inc_net.py): whole backbones side by side (<c>convnets</c>), one classifier over their
/// concatenated features, and <see cref="ConvClasses"/>, the number of classes each backbone is responsible for (a
/// merged backbone inherits the classes of both). The auxiliary head and the compression's feature predictor live in
/// <see cref="GraceLearner"/> for the phase that uses them.
/// </summary>
public sealed class GraceNet : torch.nn.Module
{
    private readonly string backbone;
    private readonly int inChannels;
    private readonly Device device;
    private readonly int seed;
    private readonly List<int> convClasses = [];

    /// <param name="backbone">Backbone name.</param>
    /// <param name="inChannels">Image channels.</param>
    /// <param name="device">Where the network lives.</param>
    /// <param name="seed">The run's seed: the first backbone's initial weights come from it alone (InitialWeights).</param>
    public GraceNet(string backbone, int inChannels, Device device, int seed)
    {
        (this.backbone, this.inChannels, this.device, this.seed) = (backbone, inChannels, device, seed);
        Convnets = register_module("convnets", new torch.nn.ModuleList<Backbone>());
    }

    public torch.nn.ModuleList<Backbone> Convnets { get; }

    public SimpleLinear? Fc { get; private set; }

    public IReadOnlyList<int> ConvClasses => convClasses;

    public long Classes => Fc?.OutFeatures ?? 0;

    /// <summary>Width of one backbone's feature vector (GRACE's <c>out_dim</c>).</summary>
    public long OutDim => Convnets[0].OutDim;

    public long FeatureDim => Convnets.Count == 0 ? 0 : OutDim * Convnets.Count;

    /// <summary>
    /// GRACE's update_fc: a backbone for the new classes, initialised from the newest one (fresh for the first), and
    /// the classifier widened to <paramref name="classes"/> over the concatenated features, old weights copied.
    /// </summary>
    public void Grow(long classes)
    {
        var added = (int)(classes - Classes);
        var next = Convnets.Count == 0 ? InitialWeights.Build(seed, NewBackbone) : NewBackbone();
        if (Convnets.Count > 0)
            using (torch.NewDisposeScope())
                next.load_state_dict(Convnets[^1].state_dict());
        Convnets.append(next);
        convClasses.Add(added);
        Fc = register_module("fc", ClassifierExpansion.Expand(Fc, FeatureDim, classes, device));
    }

    /// <summary>
    /// GRACE's init_student: the backbones older than the two newest are copied as they are; the two newest become
    /// one backbone initialised by <see cref="ImportanceInitialisation"/> with <paramref name="weight"/> on the older
    /// of the two, with fresh BN statistics, which inherits both backbones' classes; the classifier is fresh.
    /// </summary>
    public GraceNet Student(double weight)
    {
        var n = Convnets.Count;
        if (n < 2) throw new InvalidOperationException($"compression needs two backbones, the network has {n}");
        var student = new GraceNet(backbone, inChannels, device, seed);
        using (torch.NewDisposeScope())
            for (var i = 0; i < n - 2; i++)
            {
                var kept = student.NewBackbone();
                kept.load_state_dict(Convnets[i].state_dict());
                student.Convnets.append(kept);
            }
        var merged = student.NewBackbone();
        ImportanceInitialisation.Apply(merged, Convnets[n - 2], Convnets[n - 1], weight);
        student.Convnets.append(merged);
        student.convClasses.AddRange(convClasses.Take(n - 2));
        student.convClasses.Add(convClasses[n - 2] + convClasses[n - 1]);
        student.Fc = student.register_module("fc", new SimpleLinear(student.FeatureDim, Classes, device));
        return student;
    }

    /// <summary>The architecture a state describes: one backbone per entry of <paramref name="classesPerBackbone"/> and the classifier.</summary>
    public void Rebuild(IReadOnlyList<int> classesPerBackbone, long classes)
    {
        if (Convnets.Count != 0) throw new InvalidOperationException("only an empty network can be rebuilt");
        foreach (var c in classesPerBackbone)
        {
            Convnets.append(NewBackbone());
            convClasses.Add(c);
        }
        Fc = register_module("fc", new SimpleLinear(FeatureDim, classes, device));
    }

    /// <summary>Concatenated features of every backbone, oldest first.</summary>
    public Tensor Features(Tensor x)
    {
        using var scope = torch.NewDisposeScope();
        return torch.cat(Convnets.Select(c => c.forward(x)).ToList(), 1).MoveToOuterScope();
    }

    /// <summary>Features and logits over all classes seen.</summary>
    public (Tensor features, Tensor logits) Forward(Tensor x)
    {
        var f = Features(x);
        return (f, (Fc ?? throw new InvalidOperationException("the network has no classifier yet")).forward(f));
    }

    /// <summary>GRACE's train(): the newest backbone and the classifier train; older backbones are frozen and in eval mode.</summary>
    public void PrepareTraining()
    {
        train();
        for (var i = 0; i < Convnets.Count - 1; i++)
        {
            Convnets[i].requires_grad_(false);
            Convnets[i].eval();
        }
        Convnets[^1].requires_grad_(true);
    }

    private Backbone NewBackbone()
    {
        var b = BackboneRegistry.Create(backbone, inChannels);
        b.to(device);
        return b;
    }
}
