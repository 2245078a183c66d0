namespace CilBench.Torch;

/// <summary>An error raised by libtorch (shape mismatch, bad dtype, index out of range...), with its message.</summary>
public sealed class TorchException(string message) : Exception(message);
