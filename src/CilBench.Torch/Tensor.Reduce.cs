using CilBench.Torch.Native;

namespace CilBench.Torch;

// Reductions, sorting and selection.
public partial class Tensor
{
    public Tensor sum() => W(NativeMethods.cb_sum(handle, null, 0, false));
    public Tensor sum(long dim, bool keepdim = false) => W(NativeMethods.cb_sum(handle, [dim], 1, keepdim));
    public Tensor sum(long[] dims, bool keepdim = false) => W(NativeMethods.cb_sum(handle, dims, dims.Length, keepdim));
    public Tensor mean() => W(NativeMethods.cb_mean(handle, null, 0, false));
    public Tensor mean(long dim, bool keepdim = false) => W(NativeMethods.cb_mean(handle, [dim], 1, keepdim));
    public Tensor mean(long[] dims, bool keepdim = false) => W(NativeMethods.cb_mean(handle, dims, dims.Length, keepdim));
    public Tensor var(bool unbiased = true) => W(NativeMethods.cb_var(handle, null, 0, unbiased, false));
    public Tensor var(long dim, bool unbiased = true, bool keepdim = false) => W(NativeMethods.cb_var(handle, [dim], 1, unbiased, keepdim));
    public Tensor std(bool unbiased = true) => W(NativeMethods.cb_std(handle, null, 0, unbiased, false));
    public Tensor std(long dim, bool unbiased = true, bool keepdim = false) => W(NativeMethods.cb_std(handle, [dim], 1, unbiased, keepdim));
    public Tensor prod() => W(NativeMethods.cb_prod(handle));
    public Tensor max() => W(NativeMethods.cb_max_all(handle));
    public Tensor min() => W(NativeMethods.cb_min_all(handle));

    public (Tensor values, Tensor indices) max(long dim, bool keepdim = false)
    {
        var r = WrapList(NativeMethods.cb_max_dim(handle, dim, keepdim));
        return (r[0], r[1]);
    }

    public (Tensor values, Tensor indices) min(long dim, bool keepdim = false)
    {
        var r = WrapList(NativeMethods.cb_min_dim(handle, dim, keepdim));
        return (r[0], r[1]);
    }

    public Tensor argmax() => W(NativeMethods.cb_argmax(handle, false, 0, false));
    public Tensor argmax(long dim, bool keepdim = false) => W(NativeMethods.cb_argmax(handle, true, dim, keepdim));
    public Tensor argmin() => W(NativeMethods.cb_argmin(handle, false, 0, false));
    public Tensor argmin(long dim, bool keepdim = false) => W(NativeMethods.cb_argmin(handle, true, dim, keepdim));
    /// <summary>The p-norm over all elements.</summary>
    public Tensor norm(double p = 2) => W(NativeMethods.cb_norm(handle, p, null, 0, false));
    /// <summary>The p-norm along <paramref name="dim"/>; p comes first, as in PyTorch's <c>t.norm(p, dim)</c>, so <c>norm(1)</c> stays the 1-norm.</summary>
    public Tensor norm(double p, long dim, bool keepdim = false) => W(NativeMethods.cb_norm(handle, p, [dim], 1, keepdim));
    public Tensor cumsum(long dim) => W(NativeMethods.cb_cumsum(handle, dim));
    public Tensor logsumexp(long dim, bool keepdim = false) => W(NativeMethods.cb_logsumexp(handle, [dim], 1, keepdim));
    public Tensor all() => W(NativeMethods.cb_all(handle));
    public Tensor any() => W(NativeMethods.cb_any(handle));

    public (Tensor values, Tensor indices) topk(long k, long dim = -1, bool largest = true, bool sorted = true)
    {
        var r = WrapList(NativeMethods.cb_topk(handle, k, dim, largest, sorted));
        return (r[0], r[1]);
    }

    public (Tensor values, Tensor indices) sort(long dim = -1, bool descending = false, bool stable = false)
    {
        var r = WrapList(NativeMethods.cb_sort(handle, dim, descending, stable));
        return (r[0], r[1]);
    }

    public Tensor argsort(long dim = -1, bool descending = false, bool stable = false) =>
        W(NativeMethods.cb_argsort(handle, dim, descending, stable));

    /// <summary>Sorted unique values, the inverse indices into them, and their counts.</summary>
    public (Tensor values, Tensor inverse, Tensor counts) unique()
    {
        var r = WrapList(NativeMethods.cb_unique(handle));
        return (r[0], r[1], r[2]);
    }

    public Tensor bincount(Tensor? weights = null, long minlength = 0) =>
        W(NativeMethods.cb_bincount(handle, HandleOrNull(weights), minlength));

    public Tensor one_hot(long num_classes = -1) => W(NativeMethods.cb_one_hot(handle, num_classes));
}
