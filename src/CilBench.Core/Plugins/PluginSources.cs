namespace CilBench.Core.Plugins;

/// <summary>Where <see cref="PluginLoader"/> looks for method plugins (see <see cref="PluginDiscovery"/> for the rule).</summary>
public sealed record PluginSources
{
    /// <summary>
    /// The host's own plugin folder. It is optional: when it is missing or holds no plugin, that is not reported.
    /// </summary>
    public string? DefaultDirectory { get; init; }

    /// <summary>Extra plugin folders (<c>--plugins DIR</c>); each must exist and hold at least one plugin.</summary>
    public IReadOnlyList<string> Directories { get; init; } = [];

    /// <summary>Plugin DLLs named one by one (<c>--plugin FILE.dll</c>); each must be a plugin.</summary>
    public IReadOnlyList<string> Files { get; init; } = [];

    /// <summary>The <c>plugins</c> folder beside the host executable, where plugin builds are copied.</summary>
    public static string HostDirectory => Path.Combine(AppContext.BaseDirectory, "plugins");

    /// <summary>The host's plugin folder plus the command line's extra folders and files.</summary>
    public static PluginSources ForHost(IEnumerable<string> directories, IEnumerable<string> files) =>
        new() { DefaultDirectory = HostDirectory, Directories = [.. directories], Files = [.. files] };
}
