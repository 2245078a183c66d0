using CilBench.Torch;
using F = CilBench.Torch.torch.nn.functional;

namespace CilBench.Learning.Backbones;

/// <summary>
/// PyCIL's parameter-free shortcut ("option A" of He et al.): subsample by <paramref name="stride"/> (an average pool
/// of kernel 1) and append as many all-zero channels, so C channels become 2C.
/// </summary>
public sealed class DownsampleA(long stride) : torch.nn.Module<Tensor, Tensor>
{
    public override Tensor forward(Tensor x)
    {
        using var scope = torch.NewDisposeScope();
        var sub = F.avg_pool2d(x, 1, stride);
        // x.mul(0) rather than zeros: as PyCIL, so a non-finite input stays non-finite in the padding too.
        return torch.cat([sub, sub.mul(0)], 1).MoveToOuterScope();
    }
}
