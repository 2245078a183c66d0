namespace CilBench.Core.Plugins;

/// <summary>A DLL that may be a plugin.</summary>
/// <param name="Path">Full path of the DLL.</param>
/// <param name="Required">
/// True when the file was named as a plugin (<c>--plugin</c>, or <c>Name/Name.dll</c>): then anything that keeps it
/// from loading is reported. False for a DLL merely found in a folder, which may be a plugin's dependency.
/// </param>
internal sealed record PluginCandidate(string Path, bool Required);
