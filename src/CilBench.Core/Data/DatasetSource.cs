namespace CilBench.Core.Data;

/// <summary>Which dataset a protocol uses, as written in it: <c>{"dataset": "cifar100", "path": "..."}</c>; no path means the reader's default.</summary>
public sealed record DatasetSource(string Dataset, string? Path = null);
