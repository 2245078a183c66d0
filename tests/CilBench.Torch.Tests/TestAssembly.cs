using System.Runtime.CompilerServices;

// libtorch's default generator and torch.LiveTensorCount are process-wide: tests that seed the one or count the
// other would see each other's tensors and draws if classes ran in parallel.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace CilBench.Torch.Tests;

internal static class TestAssembly
{
    // The tests' tensors are tiny, so intra-op threads only add synchronisation; on a busy machine OpenMP's
    // spinning threads made a 1-second training test take 20.
#pragma warning disable CA2255
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void SingleThreaded() => torch.set_num_threads(1);
}
