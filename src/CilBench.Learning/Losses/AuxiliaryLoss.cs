using CilBench.Torch;
using F = CilBench.Torch.torch.nn.functional;

namespace CilBench.Learning.Losses;

/// <summary>
/// DER's auxiliary loss (Yan et al., CVPR 2021; PyCIL models/der.py, MEMO, GRACE): a head of |new classes| + 1 outputs
/// on the newest extractor's features learns to tell the new classes apart and all old classes as one class, so
/// the new extractor learns features of its own.
/// </summary>
public static class AuxiliaryLoss
{
    /// <summary>New class c maps to c - known + 1; every old class to 0 (PyCIL's <c>torch.where(y - known + 1 &gt; 0, ..., 0)</c>).</summary>
    public static Tensor Targets(Tensor labels, long knownClasses)
    {
        var shifted = labels - (knownClasses - 1);
        return shifted.masked_fill(shifted.le(0), 0);
    }

    /// <summary>Cross-entropy of the auxiliary logits against <see cref="Targets"/>.</summary>
    public static Tensor CrossEntropy(Tensor auxLogits, Tensor labels, long knownClasses) =>
        F.cross_entropy(auxLogits, Targets(labels, knownClasses));
}
