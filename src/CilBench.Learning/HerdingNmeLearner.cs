using CilBench.Abstractions;
using CilBench.Learning.Classifiers;
using CilBench.Learning.Exemplars;
using CilBench.Torch;

namespace CilBench.Learning;

/// <summary>
/// A <see cref="NetLearner"/> that manages exemplars and classifies as iCaRL does, the way PyCIL's BaseLearner does
/// it for iCaRL, WA and their kin: herding selection (Rebuffi et al., CVPR 2017, Alg. 4) and a nearest-mean-of-exemplars
/// head "nme" (Alg. 1) beside the network's "cnn" head. The class means are part of the state (a buffer), so they are
/// counted as model memory, checkpointed and restored.
/// </summary>
public abstract class HerdingNmeLearner(MethodContext context, string backbone, int batchSize) : NetLearner(context, backbone)
{
    private const string ClassMeansKey = "class_means";

    private Tensor? classMeans;

    /// <summary>
    /// Alg. 4 (PyCIL's _construct_exemplar): herding over each new class's training samples, with features taken in
    /// eval mode and without augmentation. Herding is greedy, so any prefix of the order is the herding set of that
    /// size, which is what Alg. 5 keeps when the memory shrinks.
    /// </summary>
    public override ExemplarRanking RankExemplars(ExemplarRequest request)
    {
        Net.eval();
        return Herding.RankClasses(request, Net.Features, batchSize);
    }

    /// <summary>
    /// The class means mu_y of Alg. 1, from every class's exemplars through the network as it is now (PyCIL recomputes
    /// old classes' means too, in _reduce_exemplar). A class without exemplars gets a zero mean.
    /// </summary>
    public override void MemoryUpdated(IExemplarMemoryView memory)
    {
        Net.eval();
        using var scope = torch.NewDisposeScope();
        var means = Enumerable.Range(0, TotalClasses).Select(c =>
        {
            var exemplars = memory.OfClass(c);
            return exemplars.Count == 0
                ? torch.zeros([Net.Backbone.OutDim], device: Context.Device)
                : NearestMeanClassifier.ClassMean(FeatureExtraction.Extract(Net.Features, exemplars, batchSize));
        }).ToList();
        ReplaceClassMeans(torch.stack(means));
    }

    /// <summary>The logits ("cnn", primary, as PyCIL reports cnn accuracy first) and Alg. 1's nearest-mean scores ("nme").</summary>
    public override Predictions Predict(Tensor images)
    {
        var means = classMeans ?? throw new InvalidOperationException("no class means yet: MemoryUpdated has not run");
        Net.eval();
        using var _ = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var (features, logits) = Net.Forward(images);
        return new Predictions().Add("cnn", logits).Add("nme", NearestMeanClassifier.Scores(features, means));
    }

    /// <summary>
    /// Backbone, classifier and the class means. The means are sized for every class seen even before
    /// <see cref="MemoryUpdated"/> fills them, so the capacity the harness plans after Learn already counts them.
    /// </summary>
    public override LearnerState State()
    {
        if (classMeans is null || classMeans.size(0) != TotalClasses)
            ReplaceClassMeans(torch.zeros([TotalClasses, Net.Backbone.OutDim], device: Context.Device));
        return base.State().Add(ClassMeansKey, classMeans!, StateKind.Buffer);
    }

    public override void Load(LearnerState state)
    {
        base.Load(state);
        if (!state.Tensors.TryGetValue(ClassMeansKey, out var means)) throw new ArgumentException($"state lacks '{ClassMeansKey}'");
        // A copy: the caller owns (and may free) the state's tensors.
        ReplaceClassMeans(means.Tensor.to(Context.Device, copy: true));
    }

    public override void Dispose()
    {
        classMeans?.Dispose();
        base.Dispose();
    }

    /// <summary>Keeps <paramref name="means"/> past any dispose scope (the learner owns it) and frees the previous means.</summary>
    private void ReplaceClassMeans(Tensor means)
    {
        classMeans?.Dispose();
        classMeans = means.DetachFromDisposeScope();
    }
}
