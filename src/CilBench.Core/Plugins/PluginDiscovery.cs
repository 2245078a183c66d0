namespace CilBench.Core.Plugins;

/// <summary>
/// The rule that picks candidate DLLs in a plugin folder D. It serves both a flat folder of DLLs and the layout that
/// plugin builds produce (<c>plugins/Name/Name.dll</c> with the plugin's dependencies beside it):
/// <list type="bullet">
/// <item><c>D/*.dll</c>: each is a plugin if it carries <c>[assembly: CilBenchMethod]</c>. A .NET assembly without
/// the attribute is a dependency (e.g. CilBench.Learning.dll beside a plugin) and is skipped silently; a file that is
/// not a .NET assembly is reported.</item>
/// <item><c>D/Name/Name.dll</c>, a subfolder holding a DLL named after it: that DLL must be a plugin, and anything
/// that keeps it from loading is reported. The subfolder's other files are its dependencies and never candidates;
/// subfolders without such a DLL (<c>runtimes/</c>, resource folders) are ignored.</item>
/// </list>
/// Candidates come in ordinal name order, flat files first, so which of two same-named methods wins is stable.
/// </summary>
internal static class PluginDiscovery
{
    public static IEnumerable<PluginCandidate> Candidates(string directory)
    {
        foreach (var file in Directory.EnumerateFiles(directory, "*.dll").Order(StringComparer.Ordinal))
            yield return new PluginCandidate(Path.GetFullPath(file), Required: false);
        foreach (var folder in Directory.EnumerateDirectories(directory).Order(StringComparer.Ordinal))
        {
            var file = Path.Combine(folder, Path.GetFileName(folder) + ".dll");
            if (File.Exists(file)) yield return new PluginCandidate(Path.GetFullPath(file), Required: true);
        }
    }
}
