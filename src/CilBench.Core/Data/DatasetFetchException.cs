namespace CilBench.Core.Data;

/// <summary>A download or unpacking that failed (HTTP error, checksum mismatch, bad archive); nothing partial is left behind.</summary>
public sealed class DatasetFetchException(string message, Exception? inner = null) : IOException(message, inner);
