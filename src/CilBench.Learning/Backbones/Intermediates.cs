using CilBench.Torch;

namespace CilBench.Learning.Backbones;

/// <summary>
/// Frees a forward pass's intermediates as soon as the next op has read them, rather than at the end of the
/// block's dispose scope: activations then peak lower and the allocator reuses warm memory (evaluation mostly; in
/// training autograd keeps what backward needs through its own references).
/// </summary>
internal static class Intermediates
{
    /// <summary><paramref name="next"/>(<paramref name="t"/>), disposing <paramref name="t"/> unless it was returned.</summary>
    public static Tensor Through(this Tensor t, Func<Tensor, Tensor> next)
    {
        var result = next(t);
        if (!ReferenceEquals(result, t)) t.Dispose();
        return result;
    }
}
