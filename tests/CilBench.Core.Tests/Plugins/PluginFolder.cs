namespace CilBench.Core.Tests.Plugins;

/// <summary>A temporary plugin folder that tests fill with built test plugins and bad files.</summary>
internal sealed class PluginFolder : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("cilbench-plugins-").FullName;

    /// <summary>Copies a test plugin's output into Root/Name/ (the layout plugin builds produce); returns its DLL.</summary>
    public string AddPlugin(string project) => AddPlugin(project, Path.Combine(Root, project));

    /// <summary>Copies a test plugin's output straight into Root (a flat folder of DLLs); returns its DLL.</summary>
    public string AddPluginFlat(string project) => AddPlugin(project, Root);

    /// <summary>Writes a file at a path relative to Root; returns its full path.</summary>
    public string AddFile(string relativePath, byte[] content)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        return path;
    }

    private static string AddPlugin(string project, string destination)
    {
        var source = TestPlugins.Output(project);
        Directory.CreateDirectory(destination);
        foreach (var file in Directory.EnumerateFiles(source))
            File.Copy(file, Path.Combine(destination, Path.GetFileName(file)), overwrite: true);
        return Path.Combine(destination, project + ".dll");
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
