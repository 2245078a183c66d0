using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Runtime.Loader;
using System.Security.Cryptography;
using System.Text;
using CilBench.Core.Plugins;

namespace CilBench.Core.Fingerprints;

/// <summary>
/// A plugin's dependency closure: its DLL and every assembly it references, transitively, that its load context
/// resolves from beside it (CilBench.Learning, MathNet.Numerics, ...), each hashed. The contract and the tensor engine
/// come from the host and are part of <see cref="HarnessBuild"/> instead; framework assemblies are the runtime's.
/// </summary>
/// <param name="Sha256">SHA-256 over the sorted "file sha256" lines.</param>
/// <param name="Files">File name (relative to the plugin's folder) to its SHA-256.</param>
public sealed record PluginClosure(string Sha256, SortedDictionary<string, string> Files)
{
    public static PluginClosure Of(string pluginPath)
    {
        var root = Path.GetDirectoryName(Path.GetFullPath(pluginPath))!;
        var resolver = new AssemblyDependencyResolver(pluginPath);
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var pending = new Queue<string>([Path.GetFullPath(pluginPath)]);
        var seen = new HashSet<string>(StringComparer.Ordinal) { Path.GetFullPath(pluginPath) };
        while (pending.TryDequeue(out var path))
        {
            files[Path.GetRelativePath(root, path)] = FileHash.Of(path);
            foreach (var name in References(path))
            {
                if (PluginLoadContext.IsShared(name)) continue;
                var resolved = resolver.ResolveAssemblyToPath(new AssemblyName(name));
                if (resolved is not null && seen.Add(Path.GetFullPath(resolved))) pending.Enqueue(Path.GetFullPath(resolved));
            }
        }
        return Of(files);
    }

    /// <summary>A closure of files already hashed (e.g. for a method built in memory by a test).</summary>
    public static PluginClosure Of(SortedDictionary<string, string> files)
    {
        var lines = string.Concat(files.Select(kv => $"{kv.Key} {kv.Value}\n"));
        return new PluginClosure(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(lines))), files);
    }

    private static IEnumerable<string> References(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        if (!pe.HasMetadata) return [];
        var reader = pe.GetMetadataReader();
        return reader.AssemblyReferences.Select(h => reader.GetString(reader.GetAssemblyReference(h).Name)).ToList();
    }
}
