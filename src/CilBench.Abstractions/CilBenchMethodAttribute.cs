namespace CilBench.Abstractions;

/// <summary>
/// Marks a plugin assembly and names its <see cref="IMethod"/> implementation:
/// <c>[assembly: CilBenchMethod(typeof(MyMethod))]</c>. One method per plugin DLL.
/// </summary>
/// <remarks>
/// <paramref name="contractMajor"/> defaults to <see cref="ContractVersion.Major"/> as a compile-time constant, so the
/// value baked into the plugin is the contract it was built against; do not pass it yourself.
/// </remarks>
/// <param name="methodType">A public class implementing <see cref="IMethod"/> with a public parameterless constructor.</param>
/// <param name="contractMajor">The contract major version the plugin was compiled against.</param>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class CilBenchMethodAttribute(Type methodType, int contractMajor = ContractVersion.Major) : Attribute
{
    /// <summary>The <see cref="IMethod"/> implementation.</summary>
    public Type MethodType { get; } = methodType;

    /// <summary>The contract major version the plugin was compiled against.</summary>
    public int ContractMajor { get; } = contractMajor;
}
