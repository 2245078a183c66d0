using CilBench.Torch.Native;

namespace CilBench.Torch;

// Indexing by index tensors and masks, gather/scatter.
public partial class Tensor
{
    public Tensor index_select(long dim, Tensor index) => W(NativeMethods.cb_index_select(handle, dim, index.handle));
    public Tensor masked_select(Tensor mask) => W(NativeMethods.cb_masked_select(handle, mask.handle));
    public Tensor masked_fill(Tensor mask, double value) => W(NativeMethods.cb_masked_fill(handle, mask.handle, value));
    public Tensor masked_fill_(Tensor mask, double value) { NativeMethods.cb_masked_fill_(handle, mask.handle, value); return Done(); }
    public Tensor gather(long dim, Tensor index) => W(NativeMethods.cb_gather(handle, dim, index.handle));
    public Tensor scatter(long dim, Tensor index, Tensor src) => W(NativeMethods.cb_scatter(handle, dim, index.handle, src.handle));
    public Tensor scatter(long dim, Tensor index, double value) => W(NativeMethods.cb_scatter_value(handle, dim, index.handle, value));
    public Tensor scatter_add_(long dim, Tensor index, Tensor src) { NativeMethods.cb_scatter_add_(handle, dim, index.handle, src.handle); return Done(); }
    public Tensor index_add_(long dim, Tensor index, Tensor src) { NativeMethods.cb_index_add_(handle, dim, index.handle, src.handle); return Done(); }
    public Tensor nonzero() => W(NativeMethods.cb_nonzero(handle));

    /// <summary>Advanced indexing, as Python's <c>t[i0, i1, ...]</c>: each index is a long tensor, a bool mask, or null (a full slice).</summary>
    public Tensor index(params Tensor?[] indices)
    {
        var h = Handles(indices);
        var r = W(NativeMethods.cb_index(handle, h, h.Length));
        GC.KeepAlive(indices);
        return r;
    }

    /// <summary>Python's <c>t[i0, i1, ...] = values</c> (or <c>+=</c> with accumulate), in place.</summary>
    public Tensor index_put_(Tensor?[] indices, Tensor values, bool accumulate = false)
    {
        var h = Handles(indices);
        NativeMethods.cb_index_put_(handle, h, h.Length, values.handle, accumulate);
        GC.KeepAlive(indices);
        return Done();
    }

    /// <summary>Python's <c>t[mask]</c> / <c>t[index]</c> along the first dimension.</summary>
    public Tensor this[Tensor index] => this.index(index);
}

public static partial class torch
{
    public static Tensor where(Tensor condition, Tensor input, Tensor other) => Tensor.Wrap(NativeMethods.cb_where(condition.handle, input.handle, other.handle));

    public static Tensor where(Tensor condition, Tensor input, double other) => Tensor.Wrap(NativeMethods.cb_where_scalar(condition.handle, input.handle, other));
}
