namespace CilBench.Reports;

/// <summary>A result or failure file that cannot be aggregated; <see cref="File"/> names it (or them).</summary>
public sealed class ReportException : Exception
{
    public ReportException(string file, string problem, Exception? inner = null)
        : base($"{file}: {problem}", inner) => File = file;

    public string File { get; }

    /// <summary>Wraps a read error; Core's messages may already start with the path, which is not repeated.</summary>
    public static ReportException InFile(string file, Exception e) =>
        new(file, e.Message.StartsWith(file + ": ", StringComparison.Ordinal) ? e.Message[(file.Length + 2)..] : e.Message, e);
}
