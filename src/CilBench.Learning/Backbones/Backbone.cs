using CilBench.Torch;

namespace CilBench.Learning.Backbones;

/// <summary>A feature extractor: images (N, C, H, W) in, pooled features (N, <see cref="OutDim"/>) out.</summary>
public abstract class Backbone : torch.nn.Module<Tensor, Tensor>
{
    /// <summary>Width of the feature vector (PyCIL's <c>out_dim</c>).</summary>
    public abstract long OutDim { get; }
}
