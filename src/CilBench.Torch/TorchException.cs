namespace CilBench.Torch;

/// <summary>An error raised by libtorch (shape mismatch, bad dtype, index out of range...), with its message.</summary>
public class TorchException(string message) : Exception(message);

/// <summary>
/// libtorch ran out of memory (CUDA's caching allocator, or a host allocation): the run may fit with a smaller batch,
/// or after other work on the device ends; unlike other errors it says nothing about the method's correctness.
/// </summary>
public sealed class TorchOutOfMemoryException(string message) : TorchException(message);
