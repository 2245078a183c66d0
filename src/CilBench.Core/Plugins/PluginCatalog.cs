namespace CilBench.Core.Plugins;

/// <summary>The methods that loaded and the diagnostics of those that did not.</summary>
public sealed class PluginCatalog(IReadOnlyList<LoadedMethod> methods, IReadOnlyList<PluginDiagnostic> diagnostics)
{
    /// <summary>Loaded methods, in discovery order; names are unique (ignoring case).</summary>
    public IReadOnlyList<LoadedMethod> Methods { get; } = methods;

    /// <summary>One line per plugin file or folder that did not yield a method.</summary>
    public IReadOnlyList<PluginDiagnostic> Diagnostics { get; } = diagnostics;

    /// <summary>The method with this name (ignoring case).</summary>
    /// <exception cref="KeyNotFoundException">No such method; the message lists the available ones and the failures.</exception>
    public LoadedMethod Find(string name)
    {
        var found = Methods.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));
        if (found is not null) return found;
        var available = Methods.Count == 0 ? "none" : string.Join(", ", Methods.Select(m => m.Name));
        var message = $"no method named '{name}'; available: {available}";
        if (Diagnostics.Count > 0)
            message += $"\nplugins that did not load:\n  {string.Join("\n  ", Diagnostics)}";
        throw new KeyNotFoundException(message);
    }
}
