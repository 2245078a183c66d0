using CilBench.Torch;

namespace CilBench.Learning.Backbones;

/// <summary>
/// A backbone cut where MEMO cuts it: <see cref="Generalized"/> (shallow layers, shared by all tasks) maps images to
/// a feature map; <see cref="Specialized"/> (the deepest stage and the pooling, one per task in MEMO) maps that
/// feature map to the feature vector. The caller owns and disposes both.
/// </summary>
public sealed record BackboneSplit(torch.nn.Module<Tensor, Tensor> Generalized, Backbone Specialized);
