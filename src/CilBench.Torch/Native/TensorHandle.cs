using System.Runtime.InteropServices;

namespace CilBench.Torch.Native;

/// <summary>Owns one native <c>at::Tensor*</c>; counts live handles so tests can assert that loops do not leak.</summary>
internal sealed class TensorHandle : SafeHandle
{
    private static long live;

    public TensorHandle() : base(IntPtr.Zero, ownsHandle: true) { }

    internal TensorHandle(IntPtr handle) : base(IntPtr.Zero, ownsHandle: true)
    {
        SetHandle(handle);
        if (handle != IntPtr.Zero) Interlocked.Increment(ref live);
    }

    internal static long Live => Interlocked.Read(ref live);

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        NativeMethods.cb_tensor_free(handle);
        Interlocked.Decrement(ref live);
        return true;
    }
}
