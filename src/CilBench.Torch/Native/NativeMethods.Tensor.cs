using System.Runtime.InteropServices;

namespace CilBench.Torch.Native;

internal static partial class NativeMethods
{
    [LibraryImport(Lib)] internal static partial void cb_tensor_free(IntPtr t);
    [LibraryImport(Lib)] internal static partial long cb_tensor_list_size(IntPtr list);
    [LibraryImport(Lib)] internal static partial IntPtr cb_tensor_list_take(IntPtr list, long i);
    [LibraryImport(Lib)] internal static partial void cb_tensor_list_free(IntPtr list);

    [LibraryImport(Lib)] internal static unsafe partial IntPtr cb_tensor_from_data(void* data, long nbytes, long[] shape, long ndim, int dtype);
    [LibraryImport(Lib)] internal static unsafe partial void cb_tensor_copy_to(TensorHandle t, void* dst, long nbytes);
    [LibraryImport(Lib)] internal static partial long cb_tensor_dim(TensorHandle t);
    [LibraryImport(Lib)] internal static partial void cb_tensor_shape(TensorHandle t, [Out] long[] shape, long capacity);
    [LibraryImport(Lib)] internal static partial void cb_tensor_strides(TensorHandle t, [Out] long[] strides, long capacity);
    [LibraryImport(Lib)] internal static partial long cb_tensor_numel(TensorHandle t);
    [LibraryImport(Lib)] internal static partial long cb_tensor_element_size(TensorHandle t);
    [LibraryImport(Lib)] internal static partial int cb_tensor_dtype(TensorHandle t);
    [LibraryImport(Lib)] internal static partial int cb_tensor_device_type(TensorHandle t);
    [LibraryImport(Lib)] internal static partial int cb_tensor_device_index(TensorHandle t);
    [LibraryImport(Lib)][return: MarshalAs(UnmanagedType.U1)] internal static partial bool cb_tensor_is_contiguous(TensorHandle t);
    [LibraryImport(Lib)][return: MarshalAs(UnmanagedType.U1)] internal static partial bool cb_tensor_is_channels_last(TensorHandle t);
    [LibraryImport(Lib)] internal static partial double cb_tensor_item_double(TensorHandle t);
    [LibraryImport(Lib)] internal static partial long cb_tensor_item_long(TensorHandle t);
    [LibraryImport(Lib)] internal static partial IntPtr cb_tensor_to(TensorHandle t, int dtype, int deviceType, int deviceIndex, [MarshalAs(UnmanagedType.U1)] bool nonBlocking, [MarshalAs(UnmanagedType.U1)] bool copy);
    [LibraryImport(Lib)] internal static partial IntPtr cb_tensor_contiguous(TensorHandle t, int memoryFormat);
    [LibraryImport(Lib)] internal static partial IntPtr cb_tensor_to_memory_format(TensorHandle t, int memoryFormat);
    [LibraryImport(Lib)] internal static partial IntPtr cb_tensor_clone(TensorHandle t);
    [LibraryImport(Lib)] internal static partial IntPtr cb_tensor_detach(TensorHandle t);
    [LibraryImport(Lib)] internal static partial IntPtr cb_tensor_alias(TensorHandle t);
    [LibraryImport(Lib)] internal static partial void cb_tensor_copy_(TensorHandle dst, TensorHandle src, [MarshalAs(UnmanagedType.U1)] bool nonBlocking);

    [LibraryImport(Lib)] internal static partial IntPtr cb_empty(long[] shape, long ndim, int dtype, int dt, int di, [MarshalAs(UnmanagedType.U1)] bool requiresGrad);
    [LibraryImport(Lib)] internal static partial IntPtr cb_zeros(long[] shape, long ndim, int dtype, int dt, int di, [MarshalAs(UnmanagedType.U1)] bool requiresGrad);
    [LibraryImport(Lib)] internal static partial IntPtr cb_ones(long[] shape, long ndim, int dtype, int dt, int di, [MarshalAs(UnmanagedType.U1)] bool requiresGrad);
    [LibraryImport(Lib)] internal static partial IntPtr cb_full(long[] shape, long ndim, double value, int dtype, int dt, int di, [MarshalAs(UnmanagedType.U1)] bool requiresGrad);
    [LibraryImport(Lib)] internal static partial IntPtr cb_arange(double start, double end, double step, int dtype, int dt, int di);
    [LibraryImport(Lib)] internal static partial IntPtr cb_linspace(double start, double end, long steps, int dtype, int dt, int di);
    [LibraryImport(Lib)] internal static partial IntPtr cb_eye(long n, long m, int dtype, int dt, int di);
    [LibraryImport(Lib)] internal static partial IntPtr cb_zeros_like(TensorHandle t);
    [LibraryImport(Lib)] internal static partial IntPtr cb_ones_like(TensorHandle t);
    [LibraryImport(Lib)] internal static partial IntPtr cb_empty_like(TensorHandle t);
    [LibraryImport(Lib)] internal static partial IntPtr cb_full_like(TensorHandle t, double value);

    [LibraryImport(Lib)][return: MarshalAs(UnmanagedType.U1)] internal static partial bool cb_tensor_requires_grad(TensorHandle t);
    [LibraryImport(Lib)] internal static partial void cb_tensor_set_requires_grad(TensorHandle t, [MarshalAs(UnmanagedType.U1)] bool value);
    [LibraryImport(Lib)][return: MarshalAs(UnmanagedType.U1)] internal static partial bool cb_tensor_is_leaf(TensorHandle t);
    [LibraryImport(Lib)][return: MarshalAs(UnmanagedType.U1)] internal static partial bool cb_tensor_is_inference(TensorHandle t);
    [LibraryImport(Lib)] internal static partial IntPtr cb_tensor_grad(TensorHandle t);
    [LibraryImport(Lib)] internal static partial void cb_tensor_set_grad(TensorHandle t, TensorHandle grad);
    [LibraryImport(Lib)] internal static partial void cb_tensor_backward(TensorHandle t, TensorHandle gradient, [MarshalAs(UnmanagedType.U1)] bool retainGraph, [MarshalAs(UnmanagedType.U1)] bool createGraph);
    [LibraryImport(Lib)] internal static partial void cb_tensor_retain_grad(TensorHandle t);
    [LibraryImport(Lib)] internal static partial void cb_tensor_set_data(TensorHandle t, TensorHandle data);
}
