namespace CilBench.Core.Plugins;

/// <summary>Why a plugin file or folder did not yield a method.</summary>
/// <param name="Path">The file or folder concerned.</param>
/// <param name="Reason">What is wrong with it, in one line.</param>
public sealed record PluginDiagnostic(string Path, string Reason)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path}: {Reason}";
}
