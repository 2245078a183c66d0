using System.Collections.Immutable;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using CilBench.Abstractions;

namespace CilBench.Core.Plugins;

/// <summary>
/// Reads a candidate's <see cref="CilBenchMethodAttribute"/> and assembly references from its metadata, without loading
/// it: a DLL that is not .NET or is a plain dependency is never loaded, and a plugin built against an incompatible
/// contract is refused before the runtime tries (and fails) to bind it to this host's contract assembly.
/// </summary>
internal static class PluginMetadata
{
    private const string AttributeNamespace = "CilBench.Abstractions";
    private const string AttributeName = nameof(CilBenchMethodAttribute);

    /// <summary>The contract major from the attribute (null when the assembly has none) and the assemblies it references.</summary>
    /// <exception cref="PluginRejectedException">The file is not a .NET assembly, or the attribute cannot be read.</exception>
    public static PluginManifest Read(string path)
    {
        using var stream = File.OpenRead(path);
        try
        {
            using var pe = new PEReader(stream);
            if (!pe.HasMetadata) throw new PluginRejectedException("not a .NET assembly (no CLI metadata; a native library?)");
            var reader = pe.GetMetadataReader();
            if (!reader.IsAssembly) throw new PluginRejectedException("not a .NET assembly (a module without a manifest)");
            var references = new Dictionary<string, Version>(StringComparer.OrdinalIgnoreCase);
            foreach (var handle in reader.AssemblyReferences)
            {
                var reference = reader.GetAssemblyReference(handle);
                references.TryAdd(reader.GetString(reference.Name), reference.Version);
            }
            int? major = null;
            foreach (var handle in reader.GetAssemblyDefinition().GetCustomAttributes())
            {
                var attribute = reader.GetCustomAttribute(handle);
                if (IsCilBenchMethod(reader, attribute)) major = DecodeContractMajor(attribute);
            }
            return new PluginManifest(major, references);
        }
        catch (BadImageFormatException e)
        {
            throw new PluginRejectedException($"not a .NET assembly ({e.Message.TrimEnd('.')})");
        }
    }

    private static bool IsCilBenchMethod(MetadataReader reader, CustomAttribute attribute)
    {
        // The attribute type lives in CilBench.Abstractions, so a plugin refers to its constructor by reference.
        if (attribute.Constructor.Kind != HandleKind.MemberReference) return false;
        var constructor = reader.GetMemberReference((MemberReferenceHandle)attribute.Constructor);
        if (constructor.Parent.Kind != HandleKind.TypeReference) return false;
        var type = reader.GetTypeReference((TypeReferenceHandle)constructor.Parent);
        return reader.StringComparer.Equals(type.Name, AttributeName)
            && reader.StringComparer.Equals(type.Namespace, AttributeNamespace);
    }

    // The contract's attribute constructor is (Type methodType, int contractMajor); the second argument is baked into
    // the plugin at compile time.
    private static int DecodeContractMajor(CustomAttribute attribute)
    {
        ImmutableArray<CustomAttributeTypedArgument<string>> arguments;
        try
        {
            arguments = attribute.DecodeValue(new TypeNames()).FixedArguments;
        }
        catch (Exception e) when (e is BadImageFormatException or NotSupportedException)
        {
            throw new PluginRejectedException($"its [CilBenchMethod] attribute cannot be read ({e.Message})");
        }
        return arguments is [_, { Value: int major }]
            ? major
            : throw new PluginRejectedException(
                $"its [CilBenchMethod] attribute has an unknown shape; host has contract {ContractVersion.Text}");
    }

    /// <summary>What the loader needs to know of a candidate before loading it.</summary>
    /// <param name="ContractMajor">The major version baked into its attribute; null without the attribute.</param>
    /// <param name="References">The versions of the assemblies it references, by name.</param>
    public sealed record PluginManifest(int? ContractMajor, IReadOnlyDictionary<string, Version> References);

    /// <summary>Names types by their full name: enough to decode attribute arguments without resolving anything.</summary>
    private sealed class TypeNames : ICustomAttributeTypeProvider<string>
    {
        public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode.ToString();

        public string GetSystemType() => "System.Type";

        public bool IsSystemType(string type) => type == "System.Type";

        public string GetSZArrayType(string elementType) => elementType + "[]";

        public string GetTypeFromSerializedName(string name) => name;

        public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind)
        {
            var type = reader.GetTypeDefinition(handle);
            return $"{reader.GetString(type.Namespace)}.{reader.GetString(type.Name)}";
        }

        public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind)
        {
            var type = reader.GetTypeReference(handle);
            return $"{reader.GetString(type.Namespace)}.{reader.GetString(type.Name)}";
        }

        public PrimitiveTypeCode GetUnderlyingEnumType(string type) =>
            throw new NotSupportedException($"enum argument of type {type}");
    }
}
