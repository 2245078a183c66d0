using CilBench.Torch.Native;

namespace CilBench.Torch;

/// <summary>
/// A random generator with its own state, as <c>torch.Generator(device).manual_seed(s)</c>: on the CPU by default, or
/// on a CUDA device (for ops that draw on that device).
/// </summary>
public sealed class Generator : IDisposable
{
    internal readonly GeneratorHandle handle;

    public Generator(ulong seed = 67280421310721UL) : this(seed, Device.CPU) { }

    public Generator(ulong seed, Device device)
    {
        handle = new GeneratorHandle(device.Type == DeviceType.CPU
            ? NativeMethods.cb_generator_new(seed)
            : NativeMethods.cb_cuda_generator_new(device.Index, seed));
        if (handle.IsInvalid) NativeMethods.Check();
        this.device = device;
    }

    public Device device { get; }

    public Generator manual_seed(ulong seed)
    {
        NativeMethods.cb_generator_manual_seed(handle, seed);
        NativeMethods.Check();
        return this;
    }

    internal static GeneratorHandle HandleOrDefault(Generator? g) => g?.handle ?? DefaultHandle;

    private static readonly GeneratorHandle DefaultHandle = new();

    public void Dispose() => handle.Dispose();
}
