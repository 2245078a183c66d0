namespace CilBench.Core.Protocols;

/// <summary>A protocol that cannot be run: the message names the file and field and says what was expected.</summary>
public sealed class ProtocolException(string message, Exception? inner = null) : Exception(message, inner);
