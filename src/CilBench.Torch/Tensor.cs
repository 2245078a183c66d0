using System.Runtime.InteropServices;
using CilBench.Torch.Native;

namespace CilBench.Torch;

/// <summary>
/// A libtorch tensor. It owns its native handle (a SafeHandle), joins the innermost <see cref="DisposeScope"/> of
/// the thread that made it, and is freed by <see cref="Dispose"/> or by that scope. Names follow PyTorch.
/// </summary>
public partial class Tensor : IDisposable
{
    internal readonly TensorHandle handle;

    internal Tensor(IntPtr raw)
    {
        handle = new TensorHandle(raw);
        DisposeScope.Current?.Add(this);
    }

    /// <summary>Takes ownership of a handle returned by the shim, raising the pending native error if it is null.</summary>
    internal static Tensor Wrap(IntPtr raw)
    {
        if (raw == IntPtr.Zero)
        {
            NativeMethods.Check();
            throw new TorchException("native call returned no tensor");
        }
        return new Tensor(raw);
    }

    /// <summary>Takes ownership of every tensor of a native list.</summary>
    internal static Tensor[] WrapList(IntPtr list)
    {
        if (list == IntPtr.Zero)
        {
            NativeMethods.Check();
            throw new TorchException("native call returned no tensor list");
        }
        try
        {
            var n = NativeMethods.cb_tensor_list_size(list);
            var result = new Tensor[n];
            for (var i = 0; i < n; i++) result[i] = Wrap(NativeMethods.cb_tensor_list_take(list, i));
            return result;
        }
        finally
        {
            NativeMethods.cb_tensor_list_free(list);
        }
    }

    /// <summary>The dispose scope that will free this tensor, if any.</summary>
    internal DisposeScope? Scope { get; set; }

    public bool IsDisposed => handle.IsClosed;

    public void Dispose()
    {
        Scope = null;
        handle.Dispose();
    }

    /// <summary>Hands this tensor to the enclosing scope (or to no scope) so it survives the current one.</summary>
    public Tensor MoveToOuterScope()
    {
        Scope?.MoveToOuter(this);
        return this;
    }

    /// <summary>Removes this tensor from every scope; the caller disposes it.</summary>
    public Tensor DetachFromDisposeScope()
    {
        Scope = null;
        return this;
    }

    // ---- metadata ----

    public long dim() => Checked(NativeMethods.cb_tensor_dim(Self));

    public long[] shape
    {
        get
        {
            var s = new long[dim()];
            NativeMethods.cb_tensor_shape(Self, s, s.Length);
            NativeMethods.Check();
            return s;
        }
    }

    public long size(int d)
    {
        var s = shape;
        return s[d < 0 ? s.Length + d : d];
    }

    public long[] stride()
    {
        var s = new long[dim()];
        NativeMethods.cb_tensor_strides(Self, s, s.Length);
        NativeMethods.Check();
        return s;
    }

    public long numel() => Checked(NativeMethods.cb_tensor_numel(Self));

    public long element_size() => Checked(NativeMethods.cb_tensor_element_size(Self));

    /// <summary>Bytes of the elements (numel x element size).</summary>
    public long nbytes => numel() * element_size();

    public ScalarType dtype => (ScalarType)Checked(NativeMethods.cb_tensor_dtype(Self));

    public Device device => new((DeviceType)Checked(NativeMethods.cb_tensor_device_type(Self)),
        NativeMethods.cb_tensor_device_index(Self));

    public bool is_contiguous() => Checked(NativeMethods.cb_tensor_is_contiguous(Self));

    public bool is_channels_last() => Checked(NativeMethods.cb_tensor_is_channels_last(Self));

    // ---- data in and out ----

    /// <summary>The single element as a double.</summary>
    public double item()
    {
        Transfers.Read();
        return Checked(NativeMethods.cb_tensor_item_double(Self));
    }

    /// <summary>The single element converted to T (float, double, long, int, bool...).</summary>
    public T item<T>() where T : unmanaged
    {
        Transfers.Read();
        return typeof(T) == typeof(long) || typeof(T) == typeof(int) || typeof(T) == typeof(bool) || typeof(T) == typeof(byte)
            ? (T)Convert.ChangeType(Checked(NativeMethods.cb_tensor_item_long(Self)), typeof(T))
            : (T)Convert.ChangeType(Checked(NativeMethods.cb_tensor_item_double(Self)), typeof(T));
    }

    /// <summary>Copies the elements (row-major, moved to CPU) into a new array; T must be the dtype's element type.</summary>
    public T[] data<T>() where T : unmanaged
    {
        var n = numel();
        var result = new T[n];
        CopyTo<T>(result);
        return result;
    }

    /// <summary>Copies the elements into <paramref name="destination"/>, which must have exactly numel() elements.</summary>
    public unsafe void CopyTo<T>(Span<T> destination) where T : unmanaged
    {
        CheckElementType<T>();
        Transfers.Read();
        fixed (T* p = destination)
            NativeMethods.cb_tensor_copy_to(Self, p, (long)destination.Length * sizeof(T));
        NativeMethods.Check();
    }

    /// <summary>Copies the raw bytes of the elements (row-major, on CPU) into a new array.</summary>
    public unsafe byte[] bytes()
    {
        var result = new byte[nbytes];
        Transfers.Read();
        fixed (byte* p = result)
            NativeMethods.cb_tensor_copy_to(Self, p, result.Length);
        NativeMethods.Check();
        return result;
    }

    // The element type must be the dtype's own: a same-sized type (int for float32) would reinterpret bits silently.
    // bfloat16 has no .NET type, so its raw bits are read as ushort.
    private void CheckElementType<T>() where T : unmanaged
    {
        var dt = dtype;
        var matches = dt == ScalarType.BFloat16 ? typeof(T) == typeof(ushort) : torch.TryDTypeOf<T>() == dt;
        if (!matches)
            throw new ArgumentException($"element type {typeof(T).Name} does not match dtype {dt}" +
                                        (dt == ScalarType.BFloat16 ? " (read bfloat16 as ushort bits, or convert with to())" : ""));
    }

    // ---- conversion and copies ----

    public Tensor to(Device device, bool non_blocking = false, bool copy = false)
    {
        CountMove(device);
        return Wrap(NativeMethods.cb_tensor_to(Self, (int)dtype, (int)device.Type, device.Index, non_blocking, copy));
    }

    public Tensor to(ScalarType type, bool copy = false)
    {
        var d = device;
        return Wrap(NativeMethods.cb_tensor_to(Self, (int)type, (int)d.Type, d.Index, false, copy));
    }

    public Tensor to(ScalarType type, Device device, bool non_blocking = false)
    {
        CountMove(device);
        return Wrap(NativeMethods.cb_tensor_to(Self, (int)type, (int)device.Type, device.Index, non_blocking, false));
    }

    // A move between the CPU and another device crosses the host-device boundary.
    private void CountMove(Device target)
    {
        var from = (DeviceType)Checked(NativeMethods.cb_tensor_device_type(Self));
        if (from == target.Type) return;
        if (target.Type == DeviceType.CPU) Transfers.Read();
        else if (from == DeviceType.CPU) Transfers.Copy();
    }

    public Tensor cpu() => to(Device.CPU);

    public Tensor cuda(int index = 0) => to(Device.CUDA(index));

    public Tensor @float() => to(ScalarType.Float32);

    public Tensor @double() => to(ScalarType.Float64);

    public Tensor @long() => to(ScalarType.Int64);

    public Tensor @bool() => to(ScalarType.Bool);

    public Tensor contiguous() => Wrap(NativeMethods.cb_tensor_contiguous(Self, 0));

    /// <summary>Same values in the given memory layout (e.g. channels_last for 4-d activations).</summary>
    public Tensor to(MemoryFormat format) => Wrap(NativeMethods.cb_tensor_to_memory_format(Self, (int)format));

    public Tensor clone() => Wrap(NativeMethods.cb_tensor_clone(Self));

    public Tensor detach() => Wrap(NativeMethods.cb_tensor_detach(Self));

    /// <summary>A second Tensor object for the same native tensor (same storage, same autograd identity).</summary>
    public Tensor alias() => Wrap(NativeMethods.cb_tensor_alias(Self));

    /// <summary>Copies <paramref name="src"/> into this tensor in place (broadcasting, converting dtype/device).</summary>
    public Tensor copy_(Tensor src, bool non_blocking = false)
    {
        NativeMethods.cb_tensor_copy_(Self, Arg(src), non_blocking);
        NativeMethods.Check();
        return this;
    }

    // ---- autograd ----

    public bool requires_grad
    {
        get => Checked(NativeMethods.cb_tensor_requires_grad(Self));
        set
        {
            NativeMethods.cb_tensor_set_requires_grad(Self, value);
            NativeMethods.Check();
        }
    }

    public Tensor requires_grad_(bool value = true)
    {
        requires_grad = value;
        return this;
    }

    public bool is_leaf => Checked(NativeMethods.cb_tensor_is_leaf(Self));

    /// <summary>Whether the tensor was made in inference mode (it cannot take part in autograd).</summary>
    public bool is_inference() => Checked(NativeMethods.cb_tensor_is_inference(Self));

    /// <summary>The accumulated gradient, or null if none; a new handle to it each time.</summary>
    public Tensor? grad
    {
        get
        {
            var g = NativeMethods.cb_tensor_grad(Self);
            if (g == IntPtr.Zero)
            {
                NativeMethods.Check();
                return null;
            }
            return new Tensor(g);
        }
        set
        {
            NativeMethods.cb_tensor_set_grad(Self, OptArg(value));
            NativeMethods.Check();
        }
    }

    public void backward(Tensor? gradient = null, bool retain_graph = false, bool create_graph = false)
    {
        NativeMethods.cb_tensor_backward(Self, OptArg(gradient), retain_graph, create_graph);
        NativeMethods.Check();
    }

    /// <summary>Rebinds this tensor to <paramref name="data"/>'s storage, keeping its identity (PyTorch's <c>t.data = data</c>).</summary>
    public void set_data(Tensor data)
    {
        NativeMethods.cb_tensor_set_data(Self, Arg(data));
        NativeMethods.Check();
    }

    public void retain_grad()
    {
        NativeMethods.cb_tensor_retain_grad(Self);
        NativeMethods.Check();
    }

    public override string ToString()
    {
        if (IsDisposed) return "tensor(<disposed>)";
        var s = string.Join(", ", shape);
        return $"tensor([{s}], dtype={dtype}, device={device})";
    }

    internal static T Checked<T>(T value)
    {
        NativeMethods.Check();
        return value;
    }
}

/// <summary>Memory layouts for <see cref="Tensor.to(MemoryFormat)"/>.</summary>
public enum MemoryFormat
{
    Contiguous = 0,
    ChannelsLast = 1,
    Preserve = 2,
}
