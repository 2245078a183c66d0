using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using CilBench.Abstractions;
using CilBench.Torch;

namespace CilBench.Core.Fingerprints;

/// <summary>
/// The build of the harness that ran a cell: a SHA-256 over the binaries that take part in every run (the contract,
/// the tensor binding and its native shim, the harness core), and the git commit they were built from when the build
/// knew it (CilBench.Core.csproj embeds it).
/// </summary>
/// <param name="Sha256">SHA-256 over the sorted "file sha256" lines.</param>
/// <param name="GitCommit">The commit, or null outside a git checkout.</param>
public sealed record HarnessBuild(string Sha256, string? GitCommit)
{
    private static readonly Lazy<HarnessBuild> current = new(Compute);

    /// <summary>This process's harness.</summary>
    public static HarnessBuild Current => current.Value;

    private static HarnessBuild Compute()
    {
        var torch = typeof(Tensor).Assembly.Location;
        var files = new[]
        {
            typeof(IMethod).Assembly.Location,
            torch,
            Path.Combine(Path.GetDirectoryName(torch)!, "libcilbench_native.so"),
            typeof(HarnessBuild).Assembly.Location,
        };
        var lines = string.Concat(files.Where(File.Exists).Select(f => $"{Path.GetFileName(f)} {FileHash.Of(f)}\n").Order(StringComparer.Ordinal));
        var commit = typeof(HarnessBuild).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "GitCommit")?.Value;
        return new HarnessBuild(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(lines))),
            string.IsNullOrWhiteSpace(commit) ? null : commit.Trim());
    }
}
