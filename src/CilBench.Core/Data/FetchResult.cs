namespace CilBench.Core.Data;

/// <summary>Where a fetched dataset lies, and whether it was downloaded now (false: it was already there).</summary>
public sealed record FetchResult(string Path, bool Downloaded);
