namespace CilBench.Core.Data;

/// <summary>Download progress: bytes received so far and the total when the server announced it.</summary>
public readonly record struct FetchProgress(long BytesDone, long? BytesTotal);
