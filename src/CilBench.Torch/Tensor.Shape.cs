using CilBench.Torch.Native;

namespace CilBench.Torch;

// Views and shape manipulation.
public partial class Tensor
{
    public Tensor view(params long[] shape) => W(NativeMethods.cb_view(Self, shape, shape.Length));
    public Tensor reshape(params long[] shape) => W(NativeMethods.cb_reshape(Self, shape, shape.Length));
    public Tensor permute(params long[] dims) => W(NativeMethods.cb_permute(Self, dims, dims.Length));
    public Tensor transpose(long dim0, long dim1) => W(NativeMethods.cb_transpose(Self, dim0, dim1));
    /// <summary>Transpose of a 2-d tensor.</summary>
    public Tensor t() => transpose(0, 1);
    public Tensor T => transpose(0, 1);
    public Tensor flatten(long start_dim = 0, long end_dim = -1) => W(NativeMethods.cb_flatten(Self, start_dim, end_dim));
    public Tensor squeeze() => W(NativeMethods.cb_squeeze(Self));
    public Tensor squeeze(long dim) => W(NativeMethods.cb_squeeze_dim(Self, dim));
    public Tensor unsqueeze(long dim) => W(NativeMethods.cb_unsqueeze(Self, dim));
    public Tensor expand(params long[] shape) => W(NativeMethods.cb_expand(Self, shape, shape.Length));
    public Tensor expand_as(Tensor other) => expand(other.shape);
    public Tensor view_as(Tensor other) => view(other.shape);
    public Tensor repeat(params long[] repeats) => W(NativeMethods.cb_repeat(Self, repeats, repeats.Length));
    public Tensor flip(params long[] dims) => W(NativeMethods.cb_flip(Self, dims, dims.Length));
    public Tensor narrow(long dim, long start, long length) => W(NativeMethods.cb_narrow(Self, dim, start, length));
    /// <summary>Elements start..end (exclusive) with a step along <paramref name="dim"/>, as Python's t[start:end:step].</summary>
    public Tensor slice(long dim, long start, long end, long step = 1) => W(NativeMethods.cb_slice(Self, dim, start, end, step));
    /// <summary>The slice at <paramref name="index"/> along <paramref name="dim"/>, removing that dim.</summary>
    public Tensor select(long dim, long index) => W(NativeMethods.cb_select(Self, dim, index));
    public Tensor[] split(long split_size, long dim = 0) => WrapList(NativeMethods.cb_split(Self, split_size, dim));
    public Tensor[] split(long[] sizes, long dim = 0) => WrapList(NativeMethods.cb_split_sizes(Self, sizes, sizes.Length, dim));
    public Tensor[] chunk(long chunks, long dim = 0) => WrapList(NativeMethods.cb_chunk(Self, chunks, dim));
    public Tensor[] unbind(long dim = 0) => WrapList(NativeMethods.cb_unbind(Self, dim));
}

public static partial class torch
{
    public static Tensor cat(IReadOnlyList<Tensor> tensors, long dim = 0)
    {
        using var held = Tensor.Hold(tensors);
        return Tensor.Wrap(NativeMethods.cb_cat(held.Raw, held.Raw.Length, dim));
    }

    public static Tensor stack(IReadOnlyList<Tensor> tensors, long dim = 0)
    {
        using var held = Tensor.Hold(tensors);
        return Tensor.Wrap(NativeMethods.cb_stack(held.Raw, held.Raw.Length, dim));
    }
}
