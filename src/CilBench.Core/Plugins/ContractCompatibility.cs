namespace CilBench.Core.Plugins;

/// <summary>
/// Whether a plugin runs in this harness, by semantic versioning of the learner contract (Major.Minor). The contract
/// version of a shared assembly (CilBench.Abstractions, CilBench.Torch) is its assembly version, which their packages
/// take from ContractVersion.cs. A plugin built against 1.0 runs in any 1.x harness (minor versions only add); one
/// built against 1.3 needs a 1.3 or later harness (it may use what 1.2 lacks, and the runtime would fail to bind it);
/// another major version is refused.
/// </summary>
internal static class ContractCompatibility
{
    /// <summary>Null when a plugin built against <paramref name="built"/> runs with <paramref name="host"/>, else why not, naming both.</summary>
    /// <param name="what">What is versioned: "contract" or the shared assembly's name.</param>
    /// <param name="built">The version the plugin references.</param>
    /// <param name="host">The version this harness has.</param>
    public static string? Problem(string what, Version built, Version host)
    {
        var (b, h) = (built.ToString(2), host.ToString(2));
        if (built.Major != host.Major)
            return $"built against {what} {b}, this harness has {what} {h}: a plugin must be rebuilt for another major version";
        if (built.Minor > host.Minor)
            return $"built against {what} {b}, this harness has {what} {h}: it needs a harness with {what} {b} or later";
        return null;
    }
}
