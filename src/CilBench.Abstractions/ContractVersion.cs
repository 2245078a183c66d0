namespace CilBench.Abstractions;

/// <summary>
/// The semantic version of the learner contract. A plugin records the major version it was compiled against (through
/// <see cref="CilBenchMethodAttribute"/>); the host refuses a plugin whose major version differs from its own.
/// </summary>
public static class ContractVersion
{
    /// <summary>Incremented on any breaking change to the contract.</summary>
    public const int Major = 1;

    /// <summary>Incremented when members are added compatibly.</summary>
    public const int Minor = 2;

    /// <summary>The contract version as text, e.g. "1.0".</summary>
    public static string Text => $"{Major}.{Minor}";
}
