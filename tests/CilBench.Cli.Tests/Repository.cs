using System.Reflection;

namespace CilBench.Cli.Tests;

/// <summary>The checkout these tests were built from, and its build configuration.</summary>
internal static class Repository
{
    public static readonly string Root = Metadata("RepositoryRoot");

    public static readonly string Configuration = Metadata("Configuration");

    /// <summary>A test plugin's build output folder (tests/TestPlugins/NAME).</summary>
    public static string TestPlugin(string name)
    {
        var folder = Path.Combine(Root, "tests", "TestPlugins", name, "bin", Configuration, "net10.0");
        Assert.True(File.Exists(Path.Combine(folder, name + ".dll")), $"test plugin {name} is not built at {folder}");
        return folder;
    }

    private static string Metadata(string key) =>
        typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
