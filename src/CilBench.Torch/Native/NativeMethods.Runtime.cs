using System.Runtime.InteropServices;

namespace CilBench.Torch.Native;

// P/Invoke declarations, one file per native/src area. Tensor parameters are TensorHandle (the marshaller keeps
// them alive for the call); returned tensors are raw pointers that Tensor.Wrap takes ownership of.
internal static partial class NativeMethods
{
    private const string Lib = NativeLibraryLoader.LibraryName;

    [LibraryImport(Lib)] internal static partial IntPtr cb_last_error();
    [LibraryImport(Lib)] internal static partial IntPtr cb_libtorch_version();
    [LibraryImport(Lib)] internal static partial IntPtr cb_build_config();
    [LibraryImport(Lib)] internal static partial void cb_set_num_threads(int n);
    [LibraryImport(Lib)] internal static partial int cb_get_num_threads();
    [LibraryImport(Lib)][return: MarshalAs(UnmanagedType.U1)] internal static partial bool cb_is_grad_enabled();
    [LibraryImport(Lib)] internal static partial void cb_set_grad_enabled([MarshalAs(UnmanagedType.U1)] bool enabled);
    [LibraryImport(Lib)] internal static partial void cb_manual_seed(ulong seed);
    [LibraryImport(Lib)][return: MarshalAs(UnmanagedType.U1)] internal static partial bool cb_cuda_is_available();
    [LibraryImport(Lib)] internal static partial int cb_cuda_device_count();
    [LibraryImport(Lib)] internal static partial void cb_cuda_synchronize(int device);
    [LibraryImport(Lib)] internal static partial void cb_cuda_empty_cache();
    [LibraryImport(Lib)] internal static partial long cb_cuda_memory_allocated(int device);
    [LibraryImport(Lib)] internal static partial long cb_cuda_max_memory_allocated(int device);
    [LibraryImport(Lib)] internal static partial void cb_autocast_enter(int deviceType, int dtype);
    [LibraryImport(Lib)] internal static partial void cb_autocast_exit(int deviceType, [MarshalAs(UnmanagedType.U1)] bool previouslyEnabled, int previousDtype);
    [LibraryImport(Lib)][return: MarshalAs(UnmanagedType.U1)] internal static partial bool cb_autocast_is_enabled(int deviceType);
    [LibraryImport(Lib)] internal static partial int cb_autocast_dtype(int deviceType);
    [LibraryImport(Lib)] internal static partial IntPtr cb_inference_mode_enter([MarshalAs(UnmanagedType.U1)] bool enabled);
    [LibraryImport(Lib)] internal static partial void cb_inference_mode_exit(IntPtr guard);
    [LibraryImport(Lib)][return: MarshalAs(UnmanagedType.U1)] internal static partial bool cb_is_inference_mode_enabled();
    [LibraryImport(Lib)] internal static partial void cb_set_backend_flag(int flag, [MarshalAs(UnmanagedType.U1)] bool value);
    [LibraryImport(Lib)][return: MarshalAs(UnmanagedType.U1)] internal static partial bool cb_get_backend_flag(int flag);
    [LibraryImport(Lib)] internal static partial int cb_last_error_kind();
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] internal static partial void cb_test_raise(int kind, string message);

    [LibraryImport(Lib)] internal static partial IntPtr cb_generator_new(ulong seed);
    [LibraryImport(Lib)] internal static partial IntPtr cb_cuda_generator_new(int device, ulong seed);
    [LibraryImport(Lib)] internal static partial void cb_generator_free(IntPtr g);
    [LibraryImport(Lib)] internal static partial void cb_generator_manual_seed(GeneratorHandle g, ulong seed);

    // Error kinds of native/src/common.h (cb::ErrorKind).
    private const int OutOfMemoryKind = 2;

    /// <summary>Throws the pending native error, if any: out-of-memory as <see cref="TorchOutOfMemoryException"/>.</summary>
    internal static void Check()
    {
        var err = cb_last_error();
        if (err == IntPtr.Zero) return;
        var message = Marshal.PtrToStringUTF8(err) ?? "unknown native error";
        if (cb_last_error_kind() == OutOfMemoryKind) throw new TorchOutOfMemoryException(message);
        throw new TorchException(message);
    }
}
