using CilBench.Torch.Native;

namespace CilBench.Torch.Tests;

using F = torch.nn.functional;
using nn = torch.nn;

/// <summary>
/// The shim fixes glibc's malloc thresholds (native/src/allocator.cpp), so the activations one training step frees are
/// reused by the next instead of being returned to the kernel and page-faulted in again; the kernel's own count of
/// minor page faults is the judge. With glibc's defaults (run with CILBENCH_MALLOC=glibc) each step below faults in
/// several MiB again.
/// </summary>
public class AllocatorTests
{
    [Fact]
    public void TrainingStepsReuseFreedMemoryInsteadOfFaultingItIn()
    {
        Assert.True(NativeLibraryLoader.KeepsFreedMemory,
            "the shim did not fix malloc's thresholds (CILBENCH_MALLOC=glibc or GLIBC_TUNABLES set, or not glibc)");
        using var g = new Generator(3);
        using var model = new nn.Sequential(new nn.Conv2d(3, 16, 3, padding: 1), new nn.BatchNorm2d(16), new nn.ReLU(),
            new nn.Conv2d(16, 16, 3, padding: 1), new nn.AdaptiveAvgPool2d(1), new nn.Flatten(), new nn.Linear(16, 10));
        using var opt = new torch.optim.SGD(model.parameters(), lr: 0.01, momentum: 0.9);
        using var x = torch.randn([64, 3, 32, 32], g); // activations of 4 MiB a layer
        using var y = torch.randint(0, 10, [64], g);

        void Step()
        {
            using var scope = torch.NewDisposeScope();
            opt.zero_grad();
            F.cross_entropy(model.call(x), y).backward();
            opt.step();
        }

        for (var i = 0; i < 3; i++) Step();
        var before = MinorFaults();
        const int steps = 10;
        for (var i = 0; i < steps; i++) Step();
        var faults = MinorFaults() - before;
        // One 4 MiB activation is 1024 pages: a step that faulted even one of its activations in would pass this.
        Assert.True(faults < steps * 1024, $"{faults} minor page faults in {steps} training steps");
    }

    // Field 10 of /proc/self/stat (after the parenthesised command name, which may hold spaces).
    private static long MinorFaults()
    {
        var stat = File.ReadAllText("/proc/self/stat");
        return long.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[7]);
    }
}
