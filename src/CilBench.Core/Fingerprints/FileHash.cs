using System.Security.Cryptography;

namespace CilBench.Core.Fingerprints;

/// <summary>SHA-256 of a file's bytes, lower-case hex: the form every provenance field uses.</summary>
public static class FileHash
{
    public static string Of(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
