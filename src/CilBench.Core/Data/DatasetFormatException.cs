namespace CilBench.Core.Data;

/// <summary>A dataset file that is missing, truncated or not in the format expected; the message names the file.</summary>
public sealed class DatasetFormatException : IOException
{
    public DatasetFormatException(string filePath, string problem, Exception? inner = null)
        : base($"{filePath}: {problem}", inner) => FilePath = filePath;

    /// <summary>The file (or directory) at fault.</summary>
    public string FilePath { get; }
}
