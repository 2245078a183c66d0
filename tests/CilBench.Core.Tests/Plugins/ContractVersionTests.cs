using System.Reflection;
using CilBench.Abstractions;
using CilBench.Core.Plugins;

namespace CilBench.Core.Tests.Plugins;

/// <summary>
/// The contract is semantically versioned: a plugin built against 1.0 runs in any 1.x harness, one built against a newer
/// minor or another major is refused, naming both versions. Plugins "built against" other versions are GoodPlugin with
/// the version of its reference rewritten (<see cref="AssemblyVersionPatch"/>).
/// </summary>
public class ContractVersionTests
{
    private static readonly Version Host = typeof(IMethod).Assembly.GetName().Version!;

    [Fact]
    public void TheContractAssemblyCarriesTheContractVersion()
    {
        // The packages and the assembly take their version from ContractVersion.cs (src/CilBench.Package.props).
        Assert.Equal(new Version(ContractVersion.Major, ContractVersion.Minor, 0, 0), Host);
        Assert.Equal(Host, typeof(CilBench.Torch.Tensor).Assembly.GetName().Version);
    }

    [Theory]
    [InlineData(1, 0, 1, 0, null)]
    [InlineData(1, 0, 1, 4, null)]
    [InlineData(1, 3, 1, 4, null)]
    [InlineData(1, 5, 1, 4, "built against contract 1.5, this harness has contract 1.4: it needs a harness with contract 1.5 or later")]
    [InlineData(2, 0, 1, 4, "built against contract 2.0, this harness has contract 1.4: a plugin must be rebuilt for another major version")]
    [InlineData(1, 9, 2, 0, "built against contract 1.9, this harness has contract 2.0: a plugin must be rebuilt for another major version")]
    public void CompatibleWithinAMajorUpToTheHostsMinor(int builtMajor, int builtMinor, int hostMajor, int hostMinor, string? problem)
    {
        Assert.Equal(problem, ContractCompatibility.Problem("contract", new Version(builtMajor, builtMinor, 0, 0), new Version(hostMajor, hostMinor, 0, 0)));
    }

    [Fact]
    public void PluginBuiltAgainstThisContractLoads()
    {
        using var folder = new PluginFolder();
        var dll = folder.AddPlugin("GoodPlugin");

        Assert.Equal(Host, PluginMetadata.Read(dll).References["CilBench.Abstractions"]);
        Assert.Empty(PluginLoader.Load(new PluginSources { Files = [dll] }).Diagnostics);
    }

    [Fact]
    public void PluginBuiltAgainstContract10LoadsAndRunsInThisLaterMinor()
    {
        Assert.True(ContractVersion.Minor >= 1, "this test needs a host past contract 1.0");
        using var folder = new PluginFolder();
        var dll = folder.AddPlugin("GoodPlugin");
        AssemblyVersionPatch.Reference(dll, "CilBench.Abstractions", new Version(1, 0, 0, 0));

        var catalog = PluginLoader.Load(new PluginSources { Files = [dll] });

        Assert.Empty(catalog.Diagnostics);
        // The runtime bound its 1.0 reference to this harness's contract: the method's members run.
        var method = Assert.Single(catalog.Methods).Method;
        Assert.Equal("nearest-mean", method.Name);
        Assert.False(method.UsesBaseModel);
        Assert.Same(typeof(IMethod).Assembly, method.GetType().GetInterface(nameof(IMethod))!.Assembly);
    }

    [Theory]
    [InlineData("CilBench.Abstractions", 1, 7, "built against contract 1.7, this harness has contract 1.2: it needs a harness with contract 1.7 or later")]
    [InlineData("CilBench.Abstractions", 2, 0, "built against contract 2.0, this harness has contract 1.2: a plugin must be rebuilt for another major version")]
    [InlineData("CilBench.Torch", 1, 3, "built against CilBench.Torch 1.3, this harness has CilBench.Torch 1.2: it needs a harness with CilBench.Torch 1.3 or later")]
    public void PluginBuiltAgainstANewerMinorOrAnotherMajorIsRefusedNamingBoth(string reference, int major, int minor, string reason)
    {
        using var folder = new PluginFolder();
        var dll = folder.AddPlugin("GoodPlugin");
        AssemblyVersionPatch.Reference(dll, reference, new Version(major, minor, 0, 0));
        Assert.Equal(new Version(major, minor, 0, 0), PluginMetadata.Read(dll).References[reference]);

        var catalog = PluginLoader.Load(new PluginSources { Files = [dll] });

        Assert.Empty(catalog.Methods);
        Assert.Equal(reason, Assert.Single(catalog.Diagnostics).Reason);
    }
}
