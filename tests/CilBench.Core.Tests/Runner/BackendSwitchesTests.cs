using CilBench.Core.Protocols;
using CilBench.Core.Runner;
using CilBench.Torch;

namespace CilBench.Core.Tests.Runner;

/// <summary>libtorch's backend switches are process-wide: the tests that set and read them run alone.</summary>
[CollectionDefinition(nameof(ProcessWideBackendSwitches), DisableParallelization = true)]
public sealed class ProcessWideBackendSwitches;

[Collection(nameof(ProcessWideBackendSwitches))]
public class BackendSwitchesTests
{
    private static (bool, bool, bool, bool) Current() => (torch.backends.cudnn.deterministic, torch.backends.cudnn.benchmark,
        torch.backends.cudnn.allow_tf32, torch.backends.cuda.matmul.allow_tf32);

    [Fact]
    public void AppliedSwitchesReadBackFromLibtorchAndAbsentMeansAllOff()
    {
        // The switches exist, and read back, on a CPU-only build too.
        try
        {
            BackendSwitches.Apply(new BackendSpec { Deterministic = true, Tf32 = true });
            Assert.Equal((true, false, true, true), Current());
        }
        finally
        {
            BackendSwitches.Apply(null);
        }
        Assert.Equal((false, false, false, false), Current());
    }

    [Fact]
    public void AGivenOverrideReplacesTheProtocolsSwitchAndAnAbsentOneKeepsIt()
    {
        var protocol = new BackendSpec { Deterministic = true, Tf32 = true };
        Assert.Equal(protocol, BackendOverrides.None.Over(protocol));
        Assert.Equal(new BackendSpec(), BackendOverrides.None.Over(null));
        Assert.Equal(new BackendSpec { Deterministic = true }, new BackendOverrides(Tf32: false).Over(protocol));
        Assert.Equal(new BackendSpec { CudnnBenchmark = true, Tf32 = true },
            new BackendOverrides(Deterministic: false, CudnnBenchmark: true).Over(protocol));
    }

    [Fact]
    public void OverridesThatMakeTheSwitchesExcludeEachOtherNameWhereEachCameFrom()
    {
        var e = Assert.Throws<ArgumentException>(() => new BackendOverrides(CudnnBenchmark: true).Over(new BackendSpec { Deterministic = true }));
        Assert.Equal("the protocol's backends and --cudnn-benchmark: deterministic and cudnnBenchmark exclude each other " +
                     "(benchmarking picks algorithms by timing)", e.Message);
        e = Assert.Throws<ArgumentException>(() => new BackendOverrides(true, true).Over(null));
        Assert.StartsWith("--deterministic and --cudnn-benchmark: ", e.Message);
    }

    [Fact]
    public void OnlyGivenOverridesBecomeArgumentsOfAChildRun()
    {
        Assert.Empty(BackendOverrides.None.Arguments());
        Assert.Equal(["--deterministic", "false", "--tf32", "true"], new BackendOverrides(Deterministic: false, Tf32: true).Arguments());
    }
}
