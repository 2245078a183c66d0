using System.Runtime.CompilerServices;
using CilBench.Torch;

// The harness seeds libtorch's process-wide generator per task: test classes running in parallel would interleave
// their draws and make each run's accuracy depend on the others'.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace CilBench.Plugins.Tests;

internal static class TestAssembly
{
    // ResNet8 on 28x28 batches of 64 gains little from intra-op threads, and OpenMP's spinning threads on a machine
    // busy with other work made a 15-second run take minutes.
#pragma warning disable CA2255
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void SingleThreaded() => torch.set_num_threads(1);
}
