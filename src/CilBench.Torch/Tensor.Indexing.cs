using CilBench.Torch.Native;

namespace CilBench.Torch;

// Indexing by index tensors and masks, gather/scatter.
public partial class Tensor
{
    public Tensor index_select(long dim, Tensor index) => W(NativeMethods.cb_index_select(Self, dim, Arg(index)));
    public Tensor masked_select(Tensor mask) => W(NativeMethods.cb_masked_select(Self, Arg(mask)));
    public Tensor masked_fill(Tensor mask, double value) => W(NativeMethods.cb_masked_fill(Self, Arg(mask), value));
    public Tensor masked_fill_(Tensor mask, double value) { NativeMethods.cb_masked_fill_(Self, Arg(mask), value); return Done(); }
    public Tensor gather(long dim, Tensor index) => W(NativeMethods.cb_gather(Self, dim, Arg(index)));
    public Tensor scatter(long dim, Tensor index, Tensor src) => W(NativeMethods.cb_scatter(Self, dim, Arg(index), Arg(src)));
    public Tensor scatter(long dim, Tensor index, double value) => W(NativeMethods.cb_scatter_value(Self, dim, Arg(index), value));
    public Tensor scatter_add_(long dim, Tensor index, Tensor src) { NativeMethods.cb_scatter_add_(Self, dim, Arg(index), Arg(src)); return Done(); }
    public Tensor index_add_(long dim, Tensor index, Tensor src) { NativeMethods.cb_index_add_(Self, dim, Arg(index), Arg(src)); return Done(); }
    public Tensor nonzero() => W(NativeMethods.cb_nonzero(Self));

    /// <summary>Advanced indexing, as Python's <c>t[i0, i1, ...]</c>: each index is a long tensor, a bool mask, or null (a full slice).</summary>
    public Tensor index(params Tensor?[] indices)
    {
        using var held = Hold(indices, allowNull: true);
        return W(NativeMethods.cb_index(Self, held.Raw, held.Raw.Length));
    }

    /// <summary>Python's <c>t[i0, i1, ...] = values</c> (or <c>+=</c> with accumulate), in place.</summary>
    public Tensor index_put_(Tensor?[] indices, Tensor values, bool accumulate = false)
    {
        using (var held = Hold(indices, allowNull: true))
            NativeMethods.cb_index_put_(Self, held.Raw, held.Raw.Length, Arg(values), accumulate);
        return Done();
    }

    /// <summary>Python's <c>t[mask]</c> / <c>t[index]</c> along the first dimension.</summary>
    public Tensor this[Tensor index] => this.index(index);
}

public static partial class torch
{
    public static Tensor where(Tensor condition, Tensor input, Tensor other) => Tensor.Wrap(NativeMethods.cb_where(Tensor.Arg(condition), Tensor.Arg(input), Tensor.Arg(other)));

    public static Tensor where(Tensor condition, Tensor input, double other) => Tensor.Wrap(NativeMethods.cb_where_scalar(Tensor.Arg(condition), Tensor.Arg(input), other));
}
