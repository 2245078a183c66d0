using CilBench.Abstractions;

[assembly: CilBenchMethod(typeof(NotMethodPlugin.NotAMethod))]

namespace NotMethodPlugin;

/// <summary>Named by the attribute but does not implement IMethod.</summary>
public sealed class NotAMethod;
