using System.Runtime.Loader;
using System.Text.Json.Nodes;
using CilBench.Core.Plugins;

namespace CilBench.Core.Tests.Plugins;

/// <summary>
/// Two plugins that depend on different major versions of one library (MathNet.Numerics 4.15 and 5.0, built from the
/// same source) each bind to their own copy, from their own folder, in their own load context.
/// </summary>
public class DependencyIsolationTests
{
    [Fact]
    public void EachPluginGetsItsOwnVersionOfASharedDependency()
    {
        using var folder = new PluginFolder();
        folder.AddPlugin("MathNet4Plugin");
        folder.AddPlugin("MathNet5Plugin");

        var catalog = PluginLoader.Load(new PluginSources { Directories = [folder.Root] });

        Assert.Empty(catalog.Diagnostics);
        Assert.Equal(["mathnet4", "mathnet5"], catalog.Methods.Select(m => m.Name));
        foreach (var (loaded, version) in catalog.Methods.Zip(["4.15.0.0", "5.0.0.0"]))
        {
            // Computed by the plugin with the MathNet it bound to: Gamma(5) = 4! = 24.
            var defaults = JsonNode.Parse(loaded.Method.DefaultHyperParameters)!;
            Assert.Equal(version, (string)defaults["mathnet"]!);
            Assert.Equal(24.0, (double)defaults["gamma5"]!, 1e-9);

            var context = AssemblyLoadContext.GetLoadContext(loaded.Method.GetType().Assembly)!;
            var mathNet = Assert.Single(context.Assemblies, a => a.GetName().Name == "MathNet.Numerics");
            Assert.Equal(Version.Parse(version), mathNet.GetName().Version);
            Assert.Equal(Path.GetDirectoryName(loaded.Path), Path.GetDirectoryName(mathNet.Location));
        }
    }
}
