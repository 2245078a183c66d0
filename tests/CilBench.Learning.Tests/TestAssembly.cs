using System.Runtime.CompilerServices;
using CilBench.Torch;

// libtorch's default generator and torch.LiveTensorCount are process-wide: tests that seed the one or count the
// other would see each other's tensors and draws if classes ran in parallel.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace CilBench.Learning.Tests;

internal static class TestAssembly
{
    // Tiny tensors: intra-op threads only add synchronisation, and OpenMP's spinning on a busy machine is costly.
#pragma warning disable CA2255
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void SingleThreaded() => torch.set_num_threads(1);
}
