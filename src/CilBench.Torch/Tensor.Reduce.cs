using CilBench.Torch.Native;

namespace CilBench.Torch;

// Reductions, sorting and selection.
public partial class Tensor
{
    public Tensor sum() => W(NativeMethods.cb_sum(Self, null, 0, false));
    public Tensor sum(long dim, bool keepdim = false) => W(NativeMethods.cb_sum(Self, [dim], 1, keepdim));
    public Tensor sum(long[] dims, bool keepdim = false) => W(NativeMethods.cb_sum(Self, dims, dims.Length, keepdim));
    public Tensor mean() => W(NativeMethods.cb_mean(Self, null, 0, false));
    public Tensor mean(long dim, bool keepdim = false) => W(NativeMethods.cb_mean(Self, [dim], 1, keepdim));
    public Tensor mean(long[] dims, bool keepdim = false) => W(NativeMethods.cb_mean(Self, dims, dims.Length, keepdim));
    public Tensor var(bool unbiased = true) => W(NativeMethods.cb_var(Self, null, 0, unbiased, false));
    public Tensor var(long dim, bool unbiased = true, bool keepdim = false) => W(NativeMethods.cb_var(Self, [dim], 1, unbiased, keepdim));
    public Tensor std(bool unbiased = true) => W(NativeMethods.cb_std(Self, null, 0, unbiased, false));
    public Tensor std(long dim, bool unbiased = true, bool keepdim = false) => W(NativeMethods.cb_std(Self, [dim], 1, unbiased, keepdim));
    public Tensor prod() => W(NativeMethods.cb_prod(Self));
    public Tensor max() => W(NativeMethods.cb_max_all(Self));
    public Tensor min() => W(NativeMethods.cb_min_all(Self));

    public (Tensor values, Tensor indices) max(long dim, bool keepdim = false)
    {
        var r = WrapList(NativeMethods.cb_max_dim(Self, dim, keepdim));
        return (r[0], r[1]);
    }

    public (Tensor values, Tensor indices) min(long dim, bool keepdim = false)
    {
        var r = WrapList(NativeMethods.cb_min_dim(Self, dim, keepdim));
        return (r[0], r[1]);
    }

    public Tensor argmax() => W(NativeMethods.cb_argmax(Self, false, 0, false));
    public Tensor argmax(long dim, bool keepdim = false) => W(NativeMethods.cb_argmax(Self, true, dim, keepdim));
    public Tensor argmin() => W(NativeMethods.cb_argmin(Self, false, 0, false));
    public Tensor argmin(long dim, bool keepdim = false) => W(NativeMethods.cb_argmin(Self, true, dim, keepdim));
    /// <summary>The p-norm over all elements.</summary>
    public Tensor norm(double p = 2) => W(NativeMethods.cb_norm(Self, p, null, 0, false));
    /// <summary>The p-norm along <paramref name="dim"/>; p comes first, as in PyTorch's <c>t.norm(p, dim)</c>, so <c>norm(1)</c> stays the 1-norm.</summary>
    public Tensor norm(double p, long dim, bool keepdim = false) => W(NativeMethods.cb_norm(Self, p, [dim], 1, keepdim));
    public Tensor cumsum(long dim) => W(NativeMethods.cb_cumsum(Self, dim));
    public Tensor logsumexp(long dim, bool keepdim = false) => W(NativeMethods.cb_logsumexp(Self, [dim], 1, keepdim));
    public Tensor all() => W(NativeMethods.cb_all(Self));
    public Tensor any() => W(NativeMethods.cb_any(Self));

    public (Tensor values, Tensor indices) topk(long k, long dim = -1, bool largest = true, bool sorted = true)
    {
        var r = WrapList(NativeMethods.cb_topk(Self, k, dim, largest, sorted));
        return (r[0], r[1]);
    }

    public (Tensor values, Tensor indices) sort(long dim = -1, bool descending = false, bool stable = false)
    {
        var r = WrapList(NativeMethods.cb_sort(Self, dim, descending, stable));
        return (r[0], r[1]);
    }

    public Tensor argsort(long dim = -1, bool descending = false, bool stable = false) =>
        W(NativeMethods.cb_argsort(Self, dim, descending, stable));

    /// <summary>Sorted unique values, the inverse indices into them, and their counts.</summary>
    public (Tensor values, Tensor inverse, Tensor counts) unique()
    {
        var r = WrapList(NativeMethods.cb_unique(Self));
        return (r[0], r[1], r[2]);
    }

    public Tensor bincount(Tensor? weights = null, long minlength = 0) =>
        W(NativeMethods.cb_bincount(Self, OptArg(weights), minlength));

    public Tensor one_hot(long num_classes = -1) => W(NativeMethods.cb_one_hot(Self, num_classes));
}
