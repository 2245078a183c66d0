using CilBench.Abstractions;
using CilBench.Core.Fingerprints;

namespace CilBench.Core.Plugins;

/// <summary>A method plugin that loaded, with the provenance a result records.</summary>
/// <param name="Method">The plugin's method.</param>
/// <param name="Path">Full path of the plugin DLL.</param>
/// <param name="Sha256">SHA-256 of the DLL file, lower-case hex.</param>
/// <param name="AssemblyVersion">The plugin assembly's version.</param>
public sealed record LoadedMethod(IMethod Method, string Path, string Sha256, Version AssemblyVersion)
{
    private PluginClosure? closure;
    private Func<FreshMethod>? reload;

    /// <summary>The method's name (<see cref="IMethod.Name"/>).</summary>
    public string Name => Method.Name;

    /// <summary>The plugin DLL and every DLL beside it that it loads, hashed (part of every cell's fingerprint).</summary>
    public PluginClosure Closure
    {
        get => closure ??= File.Exists(Path)
            ? PluginClosure.Of(Path)
            : PluginClosure.Of(new SortedDictionary<string, string>(StringComparer.Ordinal) { [System.IO.Path.GetFileName(Path)] = Sha256 });
        init => closure = value;
    }

    /// <summary>
    /// Makes a new method object for the restart audit. By default the plugin DLL is loaded again into a fresh
    /// collectible context, so nothing of the run's method object or of its static fields carries over.
    /// </summary>
    public Func<FreshMethod> Reload
    {
        get => reload ??= () => FreshMethod.Load(Path, Method.GetType().FullName!);
        init => reload = value;
    }
}
