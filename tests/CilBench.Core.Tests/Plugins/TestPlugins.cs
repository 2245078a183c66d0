using System.Reflection;

namespace CilBench.Core.Tests.Plugins;

/// <summary>The build outputs of tests/TestPlugins, built before this project (see Directory.Build.targets).</summary>
internal static class TestPlugins
{
    private static readonly string OutputPattern = typeof(TestPlugins).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "TestPluginOutput").Value!;

    /// <summary>The output folder of one test plugin project.</summary>
    public static string Output(string project)
    {
        var folder = string.Format(OutputPattern, project);
        Assert.True(File.Exists(Path.Combine(folder, project + ".dll")), $"test plugin {project} is not built at {folder}");
        return folder;
    }
}
