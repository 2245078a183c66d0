using CilBench.Core.Protocols;
using CilBench.Torch;

namespace CilBench.Core.Runner;

/// <summary>Sets libtorch's process-wide backend switches as a protocol's <see cref="BackendSpec"/> says.</summary>
public static class BackendSwitches
{
    /// <summary>Applies <paramref name="spec"/> (null: everything off) before a cell runs.</summary>
    public static void Apply(BackendSpec? spec)
    {
        spec ??= new BackendSpec();
        torch.backends.cudnn.deterministic = spec.Deterministic;
        torch.backends.cudnn.benchmark = spec.CudnnBenchmark;
        torch.backends.cudnn.allow_tf32 = spec.Tf32;
        torch.backends.cuda.matmul.allow_tf32 = spec.Tf32;
    }
}
