using CilBench.Learning.Backbones;
using CilBench.Learning.Networks;
using CilBench.Torch;

namespace CilBench.Plugins.Memo;

/// <summary>
/// MEMO's AdaptiveNet (PyCIL utils/inc_net.py): one generalized part shared by every task
/// (<c>TaskAgnosticExtractor</c>), one specialized block per task (<c>AdaptiveExtractors</c>), and one classifier over
/// the concatenation of the blocks' features. The auxiliary head lives in <see cref="MemoLearner"/> for one task only.
/// </summary>
public sealed class MemoNet : torch.nn.Module
{
    private readonly string backbone;
    private readonly Device device;

    // The first task's block, drawn with the generalized part from the run seed's generator (InitialWeights) until
    // Expand adopts it.
    private Backbone? firstBlock;

    public MemoNet(string backbone, int inChannels, Device device, int seed)
    {
        (this.backbone, this.device) = (backbone, device);
        var split = InitialWeights.Build(seed, () => BackboneRegistry.CreateSplit(backbone, inChannels));
        firstBlock = split.Specialized;
        Generalized = register_module("TaskAgnosticExtractor", split.Generalized);
        Blocks = register_module("AdaptiveExtractors", new torch.nn.ModuleList<Backbone>());
        Generalized.to(device);
    }

    public torch.nn.Module<Tensor, Tensor> Generalized { get; }

    public torch.nn.ModuleList<Backbone> Blocks { get; }

    public SimpleLinear? Fc { get; private set; }

    public long Classes => Fc?.OutFeatures ?? 0;

    /// <summary>Width of one block's feature vector (64 for CIFAR ResNets, 512 for ImageNet ResNets).</summary>
    public long BlockDim => Blocks[0].OutDim;

    public long FeatureDim => Blocks.Count == 0 ? 0 : BlockDim * Blocks.Count;

    /// <summary>
    /// PyCIL's update_fc: append a specialized block (the first fresh, later ones initialised from the newest) and
    /// widen the classifier to <paramref name="classes"/> over the concatenated features, old weights copied.
    /// </summary>
    public void Expand(long classes)
    {
        var block = firstBlock ?? BackboneRegistry.CreateSpecialized(backbone);
        firstBlock = null;
        block.to(device);
        if (Blocks.Count > 0)
            using (torch.NewDisposeScope())
                block.load_state_dict(Blocks[^1].state_dict());
        Blocks.append(block);
        Fc = register_module("fc", ClassifierExpansion.Expand(Fc, FeatureDim, classes, device));
    }

    /// <summary>
    /// Loads a plain first-task model (backbone + classifier) into the generalized part, the first block and the
    /// classifier, the backbone's state cut where the registry cuts it (PyCIL's load_checkpoint matches names; our cut
    /// also carries the whole backbone's last stage into the block).
    /// </summary>
    public void LoadPlain(CilBench.Abstractions.BaseModel model)
    {
        if (Blocks.Count != 1) throw new InvalidOperationException($"a plain model loads into a network of one block, this one has {Blocks.Count}");
        var (generalized, specialized) = BackboneRegistry.SplitState(backbone, model.WithPrefix("backbone."));
        Generalized.load_state_dict(generalized);
        Blocks[0].load_state_dict(specialized);
        Fc!.load_state_dict(model.WithPrefix("fc."));
    }

    /// <summary>The concatenated specialized features [phi_s1(phi_g(x)), ..., phi_sb(phi_g(x))].</summary>
    public Tensor Features(Tensor x)
    {
        using var scope = torch.NewDisposeScope();
        var map = Generalized.forward(x);
        return torch.cat(Blocks.Select(b => b.forward(map)).ToList(), 1).MoveToOuterScope();
    }

    /// <summary>Features and logits over all classes seen.</summary>
    public (Tensor features, Tensor logits) Forward(Tensor x)
    {
        var f = Features(x);
        return (f, (Fc ?? throw new InvalidOperationException("the network has no classifier yet")).forward(f));
    }

    /// <summary>
    /// MEMO's set_network: the newest block trains; older blocks are frozen and in eval mode (their BN statistics
    /// stay as they were); the generalized part trains when <paramref name="trainGeneralized"/>.
    /// </summary>
    public void PrepareTraining(bool trainGeneralized)
    {
        train();
        Generalized.requires_grad_(trainGeneralized);
        Generalized.train(trainGeneralized);
        for (var i = 0; i < Blocks.Count - 1; i++)
        {
            Blocks[i].requires_grad_(false);
            Blocks[i].eval();
        }
        Blocks[^1].requires_grad_(true);
    }

    public override void Dispose()
    {
        firstBlock?.Dispose();
        base.Dispose();
    }
}
