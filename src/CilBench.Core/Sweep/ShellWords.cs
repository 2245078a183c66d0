namespace CilBench.Core.Sweep;

/// <summary>POSIX shell quoting: what a printed command or a generated script needs so every argument stays one word.</summary>
public static class ShellWords
{
    /// <summary>The argument as one shell word: as is when it holds only safe characters, else single-quoted.</summary>
    public static string Quote(string arg) =>
        arg.Length > 0 && arg.All(c => char.IsAsciiLetterOrDigit(c) || "-_./:=,%@+".Contains(c)) ? arg : $"'{arg.Replace("'", "'\\''")}'";

    /// <summary>The arguments as one command line.</summary>
    public static string Join(IEnumerable<string> args) => string.Join(' ', args.Select(Quote));
}
