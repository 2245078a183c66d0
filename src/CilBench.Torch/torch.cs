using System.Runtime.InteropServices;
using CilBench.Torch.Native;

namespace CilBench.Torch;

/// <summary>The <c>torch</c> namespace of PyTorch: tensor factories, runtime settings, scopes.</summary>
public static partial class torch
{
    /// <summary>The libtorch version the shim runs on, e.g. "1.13.1".</summary>
    public static string __version__ => Marshal.PtrToStringUTF8(NativeMethods.cb_libtorch_version()) ?? "unknown";

    /// <summary>libtorch's build configuration (BLAS, OpenMP, CUDA...).</summary>
    public static string build_config() => Marshal.PtrToStringUTF8(Tensor.Checked(NativeMethods.cb_build_config())) ?? "";

    /// <summary>One line for start-up logs: libtorch version, CUDA availability, threads.</summary>
    public static string RuntimeSummary() =>
        $"libtorch {__version__}, CUDA {(cuda.is_available() ? $"available ({cuda.device_count()} device(s))" : "not available")}, {get_num_threads()} thread(s)";

    public static void set_num_threads(int n)
    {
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), n, "threads must be at least 1");
        NativeMethods.cb_set_num_threads(n);
        NativeMethods.Check();
    }

    public static int get_num_threads() => Tensor.Checked(NativeMethods.cb_get_num_threads());

    /// <summary>Seeds libtorch's default generator (CPU, and CUDA where present).</summary>
    public static void manual_seed(ulong seed)
    {
        NativeMethods.cb_manual_seed(seed);
        NativeMethods.Check();
    }

    /// <summary>Native tensors currently alive (owned by a Tensor that is not yet disposed or finalized).</summary>
    public static long LiveTensorCount => TensorHandle.Live;

    /// <summary>Starts a dispose scope on this thread; tensors made until it is disposed are freed with it.</summary>
    public static DisposeScope NewDisposeScope() => DisposeScope.Enter();

    /// <summary>Disables gradient recording on this thread until disposed (as <c>with torch.no_grad()</c>).</summary>
    public static IDisposable no_grad() => new GradModeScope(false);

    /// <summary>Enables gradient recording on this thread until disposed.</summary>
    public static IDisposable enable_grad() => new GradModeScope(true);

    public static bool is_grad_enabled() => NativeMethods.cb_is_grad_enabled();

    /// <summary>
    /// Mixed precision until disposed, as <c>torch.autocast(device_type, dtype)</c>: on CUDA with bfloat16 or float16,
    /// on CPU with bfloat16 (the only CPU autocast type of libtorch 1.13).
    /// </summary>
    public static IDisposable autocast(ScalarType dtype = ScalarType.Float16, DeviceType device_type = DeviceType.CUDA) =>
        new AutocastScope(dtype, device_type);

    /// <summary>Whether autocast is on for the device type on this thread.</summary>
    public static bool is_autocast_enabled(DeviceType device_type = DeviceType.CUDA) =>
        Tensor.Checked(NativeMethods.cb_autocast_is_enabled((int)device_type));

    /// <summary>
    /// Inference mode on this thread until disposed, as <c>with torch.inference_mode()</c>: like <see cref="no_grad"/>
    /// but without any autograd bookkeeping (faster). Tensors made inside cannot later take part in autograd or be
    /// changed in place outside it; ops on them outside it give normal tensors.
    /// </summary>
    public static IDisposable inference_mode() => InferenceModeScope.Enter();

    public static bool is_inference_mode_enabled() => NativeMethods.cb_is_inference_mode_enabled();

    /// <summary>Native tensors freed by the garbage collector's finalizer rather than by Dispose or a scope (leaks of
    /// native memory until the next collection); loops that manage their tensors keep it unchanged.</summary>
    public static long FinalizedTensorCount => TensorHandle.Finalized;

    /// <summary>Data crossings between host memory and tensors so far (process-wide): see <see cref="TransferCounts"/>.</summary>
    public static TransferCounts transfer_counts() => Transfers.Snapshot;

    internal static int ElementSize(ScalarType t) => t switch
    {
        ScalarType.UInt8 or ScalarType.Int8 or ScalarType.Bool => 1,
        ScalarType.Int16 or ScalarType.Float16 or ScalarType.BFloat16 => 2,
        ScalarType.Int32 or ScalarType.Float32 => 4,
        ScalarType.Int64 or ScalarType.Float64 => 8,
        _ => throw new ArgumentException($"unsupported dtype {t}"),
    };

    private sealed class GradModeScope : IDisposable
    {
        private readonly bool previous;
        private bool disposed;

        public GradModeScope(bool enabled)
        {
            previous = NativeMethods.cb_is_grad_enabled();
            NativeMethods.cb_set_grad_enabled(enabled);
        }

        public void Dispose()
        {
            if (disposed) return;
            disposed = true;
            NativeMethods.cb_set_grad_enabled(previous);
        }
    }

    private sealed class AutocastScope : IDisposable
    {
        private readonly int deviceType;
        private readonly bool previousEnabled;
        private readonly int previousDtype;
        private bool disposed;

        public AutocastScope(ScalarType dtype, DeviceType device)
        {
            if (device == DeviceType.CPU ? dtype != ScalarType.BFloat16 : dtype is not (ScalarType.Float16 or ScalarType.BFloat16))
                throw new ArgumentException($"autocast on {device} supports {(device == DeviceType.CPU ? "BFloat16" : "Float16 and BFloat16")}, not {dtype}");
            if (device == DeviceType.CUDA && !cuda.is_available()) throw new InvalidOperationException("autocast on CUDA needs CUDA, which is not available");
            if (device is not (DeviceType.CPU or DeviceType.CUDA)) throw new ArgumentException($"autocast supports CPU and CUDA, not {device}");
            deviceType = (int)device;
            previousEnabled = Tensor.Checked(NativeMethods.cb_autocast_is_enabled(deviceType));
            previousDtype = Tensor.Checked(NativeMethods.cb_autocast_dtype(deviceType));
            NativeMethods.cb_autocast_enter(deviceType, (int)dtype);
            NativeMethods.Check();
        }

        public void Dispose()
        {
            if (disposed) return;
            disposed = true;
            NativeMethods.cb_autocast_exit(deviceType, previousEnabled, previousDtype);
            NativeMethods.Check();
        }
    }

    /// <summary>CUDA devices and memory, as <c>torch.cuda</c>.</summary>
    public static class cuda
    {
        public static bool is_available() => NativeMethods.cb_cuda_is_available();

        public static int device_count() => NativeMethods.cb_cuda_device_count();

        public static void synchronize(int device = 0)
        {
            NativeMethods.cb_cuda_synchronize(device);
            NativeMethods.Check();
        }

        public static void empty_cache()
        {
            NativeMethods.cb_cuda_empty_cache();
            NativeMethods.Check();
        }

        public static long memory_allocated(int device = 0) => Tensor.Checked(NativeMethods.cb_cuda_memory_allocated(device));

        public static long max_memory_allocated(int device = 0) => Tensor.Checked(NativeMethods.cb_cuda_max_memory_allocated(device));
    }
}
