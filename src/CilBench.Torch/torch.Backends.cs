using CilBench.Torch.Native;

namespace CilBench.Torch;

public static partial class torch
{
    // Codes of native/src/runtime.cpp (cb_set_backend_flag).
    private enum BackendFlag
    {
        CudnnDeterministic = 0,
        CudnnBenchmark = 1,
        CudnnAllowTf32 = 2,
        MatmulAllowTf32 = 3,
        DeterministicAlgorithms = 4,
    }

    private static bool GetFlag(BackendFlag flag) => Tensor.Checked(NativeMethods.cb_get_backend_flag((int)flag));

    private static void SetFlag(BackendFlag flag, bool value)
    {
        NativeMethods.cb_set_backend_flag((int)flag, value);
        NativeMethods.Check();
    }

    /// <summary>Makes ops that have a deterministic implementation use it, and ops without one raise (as PyTorch).</summary>
    public static void use_deterministic_algorithms(bool mode) => SetFlag(BackendFlag.DeterministicAlgorithms, mode);

    public static bool are_deterministic_algorithms_enabled() => GetFlag(BackendFlag.DeterministicAlgorithms);

    /// <summary>Process-wide backend switches, as <c>torch.backends</c>; they only change what runs on CUDA.</summary>
    public static class backends
    {
        public static class cudnn
        {
            /// <summary>Only deterministic cuDNN convolution algorithms.</summary>
            public static bool deterministic
            {
                get => GetFlag(BackendFlag.CudnnDeterministic);
                set => SetFlag(BackendFlag.CudnnDeterministic, value);
            }

            /// <summary>Time the cuDNN algorithms for each new input shape and keep the fastest (not deterministic).</summary>
            public static bool benchmark
            {
                get => GetFlag(BackendFlag.CudnnBenchmark);
                set => SetFlag(BackendFlag.CudnnBenchmark, value);
            }

            /// <summary>TF32 in cuDNN convolutions on Ampere and later (PyTorch's default: on).</summary>
            public static bool allow_tf32
            {
                get => GetFlag(BackendFlag.CudnnAllowTf32);
                set => SetFlag(BackendFlag.CudnnAllowTf32, value);
            }
        }

        public static class cuda
        {
            public static class matmul
            {
                /// <summary>TF32 in cuBLAS matrix products on Ampere and later (PyTorch 1.13's default: off).</summary>
                public static bool allow_tf32
                {
                    get => GetFlag(BackendFlag.MatmulAllowTf32);
                    set => SetFlag(BackendFlag.MatmulAllowTf32, value);
                }
            }
        }
    }
}
