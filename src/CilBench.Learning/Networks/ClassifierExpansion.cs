using CilBench.Torch;

namespace CilBench.Learning.Networks;

/// <summary>
/// DER's classifier update (PyCIL's DERNet / AdaptiveNet <c>update_fc</c>, GRACE's GRACENet): when a new extractor
/// widens the concatenated feature, the classifier grows in both directions. Old classes keep their weights over the
/// old features and their biases; the new feature columns of old rows and the new classes' rows keep their fresh
/// initialisation.
/// </summary>
public static class ClassifierExpansion
{
    /// <summary>A classifier of <paramref name="inFeatures"/> x <paramref name="classes"/> whose top-left block copies <paramref name="previous"/>.</summary>
    public static SimpleLinear Expand(SimpleLinear? previous, long inFeatures, long classes, Device device)
    {
        var fc = new SimpleLinear(inFeatures, classes, device);
        if (previous is null) return fc;
        if (previous.InFeatures > inFeatures || previous.OutFeatures > classes)
            throw new ArgumentException(
                $"cannot shrink a {previous.InFeatures} -> {previous.OutFeatures} classifier to {inFeatures} -> {classes}");
        using var _ = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        fc.weight.narrow(0, 0, previous.OutFeatures).narrow(1, 0, previous.InFeatures).copy_(previous.weight);
        fc.bias.narrow(0, 0, previous.OutFeatures).copy_(previous.bias);
        return fc;
    }
}
