using System.Runtime.InteropServices;

namespace CilBench.Torch.Native;

/// <summary>
/// Owns one native <c>at::Tensor*</c>; counts live handles, and handles freed by the finalizer, so tests can assert
/// that loops neither leak nor leave native memory to the garbage collector.
/// </summary>
internal sealed class TensorHandle : SafeHandle
{
    private static long live, finalized;

    public TensorHandle() : base(IntPtr.Zero, ownsHandle: true) { }

    internal TensorHandle(IntPtr handle) : base(IntPtr.Zero, ownsHandle: true)
    {
        SetHandle(handle);
        if (handle != IntPtr.Zero) Interlocked.Increment(ref live);
    }

    internal static long Live => Interlocked.Read(ref live);

    internal static long Finalized => Interlocked.Read(ref finalized);

    public override bool IsInvalid => handle == IntPtr.Zero;

    // disposing is false only on the finalizer thread.
    protected override void Dispose(bool disposing)
    {
        if (!disposing && !IsInvalid && !IsClosed) Interlocked.Increment(ref finalized);
        base.Dispose(disposing);
    }

    protected override bool ReleaseHandle()
    {
        NativeMethods.cb_tensor_free(handle);
        Interlocked.Decrement(ref live);
        return true;
    }
}
