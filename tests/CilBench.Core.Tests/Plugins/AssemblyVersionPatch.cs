using System.Buffers.Binary;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace CilBench.Core.Tests.Plugins;

/// <summary>
/// Rewrites, in place, the version at which an assembly references another (its AssemblyRef row): stands in for a
/// plugin built against another contract version, without building one.
/// </summary>
internal static class AssemblyVersionPatch
{
    /// <summary>Sets the version at which the assembly references <paramref name="name"/>.</summary>
    public static void Reference(string path, string name, Version version) =>
        // An AssemblyRef row starts with the four 2-byte version numbers.
        Patch(path, version, reader =>
        {
            var handle = reader.AssemblyReferences.Single(h => reader.GetString(reader.GetAssemblyReference(h).Name) == name);
            return reader.GetTableMetadataOffset(TableIndex.AssemblyRef)
                + (MetadataTokens.GetRowNumber(handle) - 1) * reader.GetTableRowSize(TableIndex.AssemblyRef);
        });

    private static void Patch(string path, Version version, Func<MetadataReader, int> offsetInMetadata)
    {
        var bytes = File.ReadAllBytes(path);
        int offset;
        using (var pe = new PEReader(new MemoryStream(bytes)))
            offset = pe.PEHeaders.MetadataStartOffset + offsetInMetadata(pe.GetMetadataReader());
        var numbers = new[] { version.Major, version.Minor, Math.Max(version.Build, 0), Math.Max(version.Revision, 0) };
        for (var i = 0; i < 4; i++) BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(offset + 2 * i), (ushort)numbers[i]);
        File.WriteAllBytes(path, bytes);
    }
}
