using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CilBench.Torch.Native;

namespace CilBench.Torch;

// Tensor arguments of native calls. A null or disposed tensor is refused here with an exception naming the argument;
// a tensor passed as a TensorHandle is held (AddRef) by the marshaller for the call, and the tensors of an array
// argument are held by HeldHandles, so a concurrent Dispose cannot free a tensor the native side is using.
public partial class Tensor
{
    /// <summary>The handle of a required tensor argument.</summary>
    internal static TensorHandle Arg(Tensor? t, [CallerArgumentExpression(nameof(t))] string name = "")
    {
        if (t is null) throw new ArgumentNullException(name, $"tensor argument '{name}' is null");
        if (t.handle.IsClosed) throw new ObjectDisposedException(name, $"tensor argument '{name}' has been disposed");
        return t.handle;
    }

    /// <summary>The handle of an optional tensor argument: null passes "none".</summary>
    internal static TensorHandle OptArg(Tensor? t, [CallerArgumentExpression(nameof(t))] string name = "") =>
        t is null ? NullHandle : Arg(t, name);

    private static readonly TensorHandle NullHandle = new();

    /// <summary>This tensor's handle for a native call, refused once disposed.</summary>
    internal TensorHandle Self => handle.IsClosed
        ? throw new ObjectDisposedException(nameof(Tensor), "the tensor has been disposed")
        : handle;

    /// <summary>Holds the tensors of an array argument for the duration of a native call (using ...).</summary>
    internal static HeldHandles Hold(IReadOnlyList<Tensor?> tensors, bool allowNull = false,
        [CallerArgumentExpression(nameof(tensors))] string name = "") => new(tensors, allowNull, name);

    /// <summary>Raw handles of an array of tensors, each AddRef'ed until disposed; null entries pass "none".</summary>
    internal sealed class HeldHandles : IDisposable
    {
        private readonly SafeHandle?[] held;

        internal HeldHandles(IReadOnlyList<Tensor?> tensors, bool allowNull, string name)
        {
            ArgumentNullException.ThrowIfNull(tensors, name);
            Raw = new IntPtr[tensors.Count];
            held = new SafeHandle?[tensors.Count];
            try
            {
                for (var i = 0; i < Raw.Length; i++)
                {
                    var t = tensors[i];
                    if (t is null)
                    {
                        if (!allowNull) throw new ArgumentNullException(name, $"{name}[{i}] is null");
                        continue;
                    }
                    var added = false;
                    try
                    {
                        t.handle.DangerousAddRef(ref added);
                    }
                    catch (ObjectDisposedException)
                    {
                        throw new ObjectDisposedException($"{name}[{i}]", $"tensor {name}[{i}] has been disposed");
                    }
                    held[i] = t.handle;
                    Raw[i] = t.handle.DangerousGetHandle();
                }
            }
            catch
            {
                Dispose();
                throw;
            }
        }

        /// <summary>The native pointers, valid until this is disposed.</summary>
        internal IntPtr[] Raw { get; }

        public void Dispose()
        {
            for (var i = 0; i < held.Length; i++)
            {
                held[i]?.DangerousRelease();
                held[i] = null;
            }
        }
    }
}
