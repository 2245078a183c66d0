using CilBench.Torch.Native;

namespace CilBench.Torch;

/// <summary>A CPU random generator with its own state, as <c>torch.Generator().manual_seed(s)</c>.</summary>
public sealed class Generator : IDisposable
{
    internal readonly GeneratorHandle handle;

    public Generator(ulong seed = 67280421310721UL)
    {
        handle = new GeneratorHandle(NativeMethods.cb_generator_new(seed));
        if (handle.IsInvalid) NativeMethods.Check();
    }

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
