using CilBench.Core.Tests.Plugins;
using CilBench.Abstractions;

namespace CilBench.Cli.Tests;

/// <summary>
/// `cilbench check` as a user runs it: a line per check, the verdict last, exit status 1 when a check fails and 2 for
/// a usage error; and plugins built against other contract versions.
/// </summary>
[Collection(nameof(PluginKit))]
public class CheckCommandTests : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public void AMissingPluginIsAUsageError()
    {
        var output = Cilbench.Run(dir.Path, "check", "nowhere.dll");

        Assert.Equal(2, output.ExitCode);
        Assert.Contains("error: ", output.Stderr);
        Assert.Contains("nowhere.dll: no such plugin file", output.Stderr);
    }

    [FashionMnistFact]
    public void ABrokenPluginFailsTheMatchingCheckWithALineNamingIt()
    {
        var protocol = dir.File("broken.json", """
            {
              "name": "fmnist-broken",
              "dataset": { "name": "fmnist", "subset": { "trainPerClass": 40, "testPerClass": 20 } },
              "classOrder": { "seed": 1993 },
              "initialClasses": 2,
              "increment": 2,
              "memory": { "policy": "fixed-total", "points": [ { "name": "m100", "exemplars": 100 } ] },
              "methods": { "broken": { "defect": "nan-scores" } },
              "seeds": [1993]
            }
            """);
        var plugin = Path.Combine(Repository.TestPlugin("BrokenPlugin"), "BrokenPlugin.dll");

        var output = Cilbench.Run(dir.Path, "check", plugin, "--protocol", protocol);

        Assert.Equal(1, output.ExitCode);
        var lines = output.Stdout.Split('\n');
        Assert.Contains(lines, l => l.StartsWith("PASS  load ", StringComparison.Ordinal));
        // Task 0 has 2 classes and 40 test images, one batch; the plugin spoils the first class's column.
        Assert.Contains(lines, l => l.StartsWith("FAIL  predict ", StringComparison.Ordinal)
            && l.EndsWith("task 0: head 'nme' gave 40 non-finite scores (NaN or infinity) of 80 in a batch of 40", StringComparison.Ordinal));
        Assert.Equal("result: FAIL, 1 of 9 checks failed (predict), 0 not run", lines.Last(l => l.Length > 0));
    }

    [Fact]
    public void APluginBuiltAgainstContract10LoadsInThis1xHarnessAndOneBuiltAgainstTheNextMinorIsRefused()
    {
        // GoodPlugin as if built against contract 1.0 (before IMethod.UsesBaseModel), and against the next, future minor.
        var next = $"{ContractVersion.Major}.{ContractVersion.Minor + 1}";
        var built10 = Path.Combine(dir.Path, "built-1.0");
        Folders.Copy(Repository.TestPlugin("GoodPlugin"), built10);
        AssemblyVersionPatch.Reference(Path.Combine(built10, "GoodPlugin.dll"), "CilBench.Abstractions", new Version(1, 0, 0, 0));
        var builtNext = Path.Combine(dir.Path, $"built-{next}");
        Folders.Copy(Repository.TestPlugin("GoodPlugin"), builtNext);
        AssemblyVersionPatch.Reference(Path.Combine(builtNext, "GoodPlugin.dll"), "CilBench.Abstractions", new Version(ContractVersion.Major, ContractVersion.Minor + 1, 0, 0));

        var loads = Cilbench.Run(dir.Path, "methods", "--plugin", Path.Combine(built10, "GoodPlugin.dll"));
        var refused = Cilbench.Run(dir.Path, "methods", "--plugin", Path.Combine(builtNext, "GoodPlugin.dll"));

        Assert.Equal(0, loads.ExitCode);
        Assert.Contains("nearest-mean", loads.Stdout);
        Assert.DoesNotContain("plugin skipped", loads.Stderr);
        Assert.Contains($"{Path.Combine(builtNext, "GoodPlugin.dll")}: built against contract {next}, this harness has contract {ContractVersion.Text}: it needs a harness with contract {next} or later", refused.Stderr);
        Assert.DoesNotContain("nearest-mean", refused.Stdout);
    }
}
