namespace CilBench.Core.Runner;

/// <summary>A checkpoint made by another setup of the cell (its fingerprint differs): resuming from it would mix two runs.</summary>
public sealed class ResumeRefusedException(string message) : Exception(message);
