namespace CilBench.Core.Protocols;

/// <summary>
/// Names that become folders of a results directory (protocol, method, budget point): non-empty, no whitespace, no
/// path separators or characters a file system refuses, and not "." or "..".
/// </summary>
public static class PathSafeName
{
    public static bool IsSafe(string? name) =>
        !string.IsNullOrEmpty(name) && name is not ("." or "..")
        && !name.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '/' or '\\' || Path.GetInvalidFileNameChars().Contains(c));
}
