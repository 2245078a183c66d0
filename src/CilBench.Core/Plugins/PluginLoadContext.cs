using System.Reflection;
using System.Runtime.Loader;

namespace CilBench.Core.Plugins;

/// <summary>
/// One plugin's load context. The plugin's own dependencies, managed and native, resolve from beside it through its
/// .deps.json. The contract and the tensor engine come from the host: a plugin with its own copy of them would see a
/// different Tensor type and load a second libtorch.
/// </summary>
internal sealed class PluginLoadContext(string pluginPath, bool collectible = false)
    : AssemblyLoadContext(Path.GetFileName(pluginPath), collectible)
{
    private static readonly HashSet<string> Shared = new(PluginLoader.SharedAssemblies.Select(a => a.GetName().Name!), StringComparer.OrdinalIgnoreCase);

    private readonly AssemblyDependencyResolver resolver = new(pluginPath);

    /// <summary>True for the assemblies every plugin takes from the host.</summary>
    public static bool IsShared(string name) => Shared.Contains(name);

    // Null hands the request to the default context: shared assemblies, the framework, and anything the plugin does
    // not carry itself.
    protected override Assembly? Load(AssemblyName name)
    {
        if (name.Name is null || IsShared(name.Name)) return null;
        var path = resolver.ResolveAssemblyToPath(name);
        return path is null ? null : LoadFromAssemblyPath(path);
    }

    protected override IntPtr LoadUnmanagedDll(string name)
    {
        var path = resolver.ResolveUnmanagedDllToPath(name);
        return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
    }
}
