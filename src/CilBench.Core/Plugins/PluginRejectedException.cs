namespace CilBench.Core.Plugins;

/// <summary>Why a candidate cannot be used; becomes the reason of its <see cref="PluginDiagnostic"/>.</summary>
internal sealed class PluginRejectedException(string reason) : Exception(reason);
