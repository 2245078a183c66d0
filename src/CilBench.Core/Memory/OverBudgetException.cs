namespace CilBench.Core.Memory;

/// <summary>A stage whose model, or model plus exemplars, does not fit the memory budget.</summary>
public sealed class OverBudgetException(string message) : Exception(message);
