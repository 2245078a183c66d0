using CilBench.Learning.Exemplars;
using CilBench.Torch;

namespace CilBench.Learning.Classifiers;

/// <summary>
/// iCaRL's nearest-mean-of-exemplars classifier as PyCIL computes it: class means of L2-normalised exemplar
/// features, renormalised; a sample's score for a class is minus the squared Euclidean distance of its normalised
/// features to that mean (so the arg-max is the nearest mean).
/// </summary>
public static class NearestMeanClassifier
{
    /// <summary>The normalised mean of the normalised feature rows of one class.</summary>
    public static Tensor ClassMean(Tensor classFeatures)
    {
        var mean = FeatureExtraction.Normalize(classFeatures).mean(0);
        return mean / mean.norm();
    }

    /// <summary>Scores N x C: -||normalize(f) - mean_c||^2.</summary>
    public static Tensor Scores(Tensor features, Tensor classMeans)
    {
        var v = FeatureExtraction.Normalize(features);
        return -torch.cdist(v, classMeans.to(v.dtype)).square();
    }
}
