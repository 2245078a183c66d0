using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.Json.Nodes;
using CilBench.Abstractions;

namespace CilBench.Cli.Tests;

/// <summary>
/// The plugin kit end to end, as a researcher uses it: pack CilBench's packages into a folder feed, install the
/// template pack, create a method outside the repository that takes the CilBench packages from that feed only, build it
/// and run its tests (the contract checks, `cilbench check`), drop it into a plugins folder and run it on fmnist-quick
/// (one epoch per task). One test: each step needs the one before.
/// </summary>
[Collection(nameof(PluginKit))]
public class PluginKitTests
{
    private static readonly string Version = $"{ContractVersion.Major}.{ContractVersion.Minor}.0";
    private static readonly string[] Libraries = ["CilBench.Abstractions", "CilBench.Torch", "CilBench.Learning"];

    [FashionMnistFact]
    public void MethodFromTheTemplateBuildsAgainstThePackagesPassesTheChecksAndRunsWhenDroppedIn()
    {
        using var temp = new TempDirectory();
        string In(params string[] parts) => Path.Combine([temp.Path, .. parts]);
        var feed = In("feed");
        var environment = new Dictionary<string, string>
        {
            // An empty package cache: every CilBench package must come from the feed, never from an older copy.
            ["NUGET_PACKAGES"] = In("packages"),
            ["CILBENCH"] = Cilbench.Executable,
            ["CILBENCH_THREADS"] = "1",
        };

        // Pack what the solution build made: the three libraries and the template pack, versioned as the contract.
        Succeeds(Dotnet.Run(Repository.Root, environment, "pack", "CilBench.sln", "-c", Repository.Configuration, "--no-build", "-o", feed));
        foreach (var id in Libraries) CheckLibraryPackage(feed, id);

        var hive = In("template-hive");
        Succeeds(Dotnet.Run(temp.Path, environment, "new", "install", Path.Combine(feed, $"CilBench.Templates.{Version}.nupkg"), "--debug:custom-hive", hive));
        var solution = In("work", "KitMethod");
        Succeeds(Dotnet.Run(temp.Path, environment, "new", "cilbench-method", "-n", "KitMethod", "-o", solution, "--feed", feed, "--debug:custom-hive", hive));
        Assert.False(solution.StartsWith(Repository.Root, StringComparison.Ordinal));

        // Restores (CilBench.* from the feed, xunit from nuget.org), builds, and runs `cilbench check` on the plugin.
        var test = Succeeds(Dotnet.Run(solution, environment, "test", "-c", "Release", "--logger", "console;verbosity=detailed"));
        Assert.Contains("result: PASS, all 9 checks passed", test.Stdout);
        foreach (var check in new[] { "load", "identity", "hyper-parameters", "run", "state", "predict", "determinism", "ranking", "budget" })
            Assert.Matches($@"PASS  {check} +\S", test.Stdout);
        foreach (var id in Libraries)
        {
            var metadata = JsonNode.Parse(File.ReadAllText(In("packages", id.ToLowerInvariant(), Version, ".nupkg.metadata")))!;
            Assert.Equal(feed, ((string)metadata["source"]!).TrimEnd('/'));
        }

        // Drop it in: the build output as it is, in a folder of its own. The harness supplies the contract, the binding
        // and the native shim, so none of them is beside the plugin; its own dependency, CilBench.Learning, is.
        var built = Path.Combine(solution, "src", "KitMethod", "bin", "Release", "net10.0");
        Assert.True(File.Exists(Path.Combine(built, "CilBench.Learning.dll")));
        foreach (var absent in new[] { "CilBench.Abstractions.dll", "CilBench.Torch.dll", "libcilbench_native.so" })
            Assert.False(File.Exists(Path.Combine(built, absent)), $"{absent} was copied beside the plugin");
        var plugins = In("plugins");
        Folders.Copy(built, Path.Combine(plugins, "KitMethod"));

        // fmnist-quick as the repository has it, at its middle budget point, with one epoch per task.
        var quick = JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.Root, "protocols", "fmnist-quick.json")))!;
        quick["recipe"]!["initEpochs"] = 1;
        quick["recipe"]!["epochs"] = 1;
        var protocol = In("fmnist-quick.json");
        File.WriteAllText(protocol, quick.ToJsonString());
        Succeeds(Cilbench.Run(temp.Path, "run", "--protocol", protocol, "--plugins", plugins, "--method", "kitmethod", "--budget", "1.6MB", "--out", In("results")));

        var result = JsonNode.Parse(File.ReadAllText(In("results", "fmnist-quick", "kitmethod", "1.6MB", "seed-1993.json")))!;
        Assert.Equal(Path.Combine(plugins, "KitMethod", "KitMethod.dll"), (string)result["method"]!["file"]!);
        Assert.Equal(5, result["stages"]!.AsArray().Count);
        Assert.True((bool)result["audited"]!);
        // Chance over 2, 4, ..., 10 classes averages 22.8%. With one epoch per task the network's own head forgets
        // (31% measured); the nearest-mean head on its features learns well above chance (59% measured).
        var aia = (double)result["summary"]!["nme"]!["averageIncrementalAccuracy"]!;
        Assert.InRange(aia, 45, 100);
    }

    /// <summary>README, the assembly with its XML docs, symbols in the .snupkg, the contract's version, and no native shim.</summary>
    private static void CheckLibraryPackage(string feed, string id)
    {
        using (var package = ZipFile.OpenRead(Path.Combine(feed, $"{id}.{Version}.nupkg")))
        {
            var entries = package.Entries.Select(e => e.FullName).ToList();
            Assert.Contains("README.md", entries);
            Assert.Contains($"lib/net10.0/{id}.dll", entries);
            Assert.Contains($"lib/net10.0/{id}.xml", entries);
            Assert.DoesNotContain(entries, e => e.EndsWith(".so", StringComparison.Ordinal));
            var nuspec = new StreamReader(package.GetEntry($"{id}.nuspec")!.Open()).ReadToEnd();
            Assert.Contains($"<version>{Version}</version>", nuspec);
            using var dll = new MemoryStream();
            package.GetEntry($"lib/net10.0/{id}.dll")!.Open().CopyTo(dll);
            dll.Position = 0;
            using var pe = new PEReader(dll);
            Assert.Equal(new Version(ContractVersion.Major, ContractVersion.Minor, 0, 0), pe.GetMetadataReader().GetAssemblyDefinition().Version);
        }
        using var symbols = ZipFile.OpenRead(Path.Combine(feed, $"{id}.{Version}.snupkg"));
        Assert.Contains($"lib/net10.0/{id}.pdb", symbols.Entries.Select(e => e.FullName));
    }

    private static Cilbench.Output Succeeds(Cilbench.Output output)
    {
        Assert.True(output.ExitCode == 0, $"exit {output.ExitCode}\n{output.Stdout}\n{output.Stderr}");
        return output;
    }
}

/// <summary>The kit's tests build and run whole solutions: they run alone, after the others.</summary>
[CollectionDefinition(nameof(PluginKit), DisableParallelization = true)]
public sealed class PluginKit;
