using CilBench.Abstractions;

namespace CilBench.Core.Plugins;

/// <summary>A method plugin that loaded, with the provenance a result records.</summary>
/// <param name="Method">The plugin's method.</param>
/// <param name="Path">Full path of the plugin DLL.</param>
/// <param name="Sha256">SHA-256 of the DLL file, lower-case hex.</param>
/// <param name="AssemblyVersion">The plugin assembly's version.</param>
public sealed record LoadedMethod(IMethod Method, string Path, string Sha256, Version AssemblyVersion)
{
    /// <summary>The method's name (<see cref="IMethod.Name"/>).</summary>
    public string Name => Method.Name;
}
