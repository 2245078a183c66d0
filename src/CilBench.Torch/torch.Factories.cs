using CilBench.Torch.Native;

namespace CilBench.Torch;

public static partial class torch
{
    /// <summary>A tensor holding a copy of <paramref name="data"/> with the given shape (default: 1-d).</summary>
    public static unsafe Tensor tensor<T>(ReadOnlySpan<T> data, long[]? shape = null, Device? device = null, bool requires_grad = false)
        where T : unmanaged
    {
        var dtype = DTypeOf<T>();
        shape ??= [data.Length];
        Tensor t;
        // One host-to-device copy: into a CPU tensor here, or counted by to() when it goes on to a device.
        if (device is not { Type: not DeviceType.CPU }) Transfers.Copy();
        fixed (T* p = data)
            t = Tensor.Wrap(NativeMethods.cb_tensor_from_data(p, (long)data.Length * sizeof(T), shape, shape.Length, (int)dtype));
        if (device is { Type: not DeviceType.CPU } d)
        {
            var moved = t.to(d);
            t.Dispose();
            t = moved;
        }
        if (requires_grad) t.requires_grad = true;
        return t;
    }

    public static Tensor tensor<T>(T[] data, long[]? shape = null, Device? device = null, bool requires_grad = false)
        where T : unmanaged => tensor<T>(data.AsSpan(), shape, device, requires_grad);

    public static Tensor tensor(float[,] data) => tensor<float>(Flatten(data), [data.GetLength(0), data.GetLength(1)]);

    public static Tensor tensor(double[,] data) => tensor<double>(Flatten(data), [data.GetLength(0), data.GetLength(1)]);

    /// <summary>A 0-d tensor.</summary>
    public static Tensor scalar_tensor(double value, ScalarType dtype = ScalarType.Float32, Device? device = null) =>
        full([], value, dtype, device);

    /// <summary>A tensor from raw little-endian bytes (any dtype, bfloat16 and float16 included).</summary>
    public static unsafe Tensor frombuffer(ReadOnlySpan<byte> bytes, long[] shape, ScalarType dtype)
    {
        Transfers.Copy();
        fixed (byte* p = bytes)
            return Tensor.Wrap(NativeMethods.cb_tensor_from_data(p, bytes.Length, shape, shape.Length, (int)dtype));
    }

    public static Tensor empty(long[] shape, ScalarType dtype = ScalarType.Float32, Device? device = null, bool requires_grad = false)
    {
        var d = device ?? Device.CPU;
        return Tensor.Wrap(NativeMethods.cb_empty(shape, shape.Length, (int)dtype, (int)d.Type, d.Index, requires_grad));
    }

    public static Tensor zeros(long[] shape, ScalarType dtype = ScalarType.Float32, Device? device = null, bool requires_grad = false)
    {
        var d = device ?? Device.CPU;
        return Tensor.Wrap(NativeMethods.cb_zeros(shape, shape.Length, (int)dtype, (int)d.Type, d.Index, requires_grad));
    }

    public static Tensor ones(long[] shape, ScalarType dtype = ScalarType.Float32, Device? device = null, bool requires_grad = false)
    {
        var d = device ?? Device.CPU;
        return Tensor.Wrap(NativeMethods.cb_ones(shape, shape.Length, (int)dtype, (int)d.Type, d.Index, requires_grad));
    }

    public static Tensor full(long[] shape, double value, ScalarType dtype = ScalarType.Float32, Device? device = null, bool requires_grad = false)
    {
        var d = device ?? Device.CPU;
        return Tensor.Wrap(NativeMethods.cb_full(shape, shape.Length, value, (int)dtype, (int)d.Type, d.Index, requires_grad));
    }

    public static Tensor arange(double end, ScalarType dtype = ScalarType.Int64, Device? device = null) => arange(0, end, 1, dtype, device);

    public static Tensor arange(double start, double end, double step = 1, ScalarType dtype = ScalarType.Int64, Device? device = null)
    {
        var d = device ?? Device.CPU;
        return Tensor.Wrap(NativeMethods.cb_arange(start, end, step, (int)dtype, (int)d.Type, d.Index));
    }

    public static Tensor linspace(double start, double end, long steps, ScalarType dtype = ScalarType.Float32, Device? device = null)
    {
        var d = device ?? Device.CPU;
        return Tensor.Wrap(NativeMethods.cb_linspace(start, end, steps, (int)dtype, (int)d.Type, d.Index));
    }

    public static Tensor eye(long n, long? m = null, ScalarType dtype = ScalarType.Float32, Device? device = null)
    {
        var d = device ?? Device.CPU;
        return Tensor.Wrap(NativeMethods.cb_eye(n, m ?? n, (int)dtype, (int)d.Type, d.Index));
    }

    public static Tensor zeros_like(Tensor t) => Tensor.Wrap(NativeMethods.cb_zeros_like(Tensor.Arg(t)));

    public static Tensor ones_like(Tensor t) => Tensor.Wrap(NativeMethods.cb_ones_like(Tensor.Arg(t)));

    public static Tensor empty_like(Tensor t) => Tensor.Wrap(NativeMethods.cb_empty_like(Tensor.Arg(t)));

    public static Tensor full_like(Tensor t, double value) => Tensor.Wrap(NativeMethods.cb_full_like(Tensor.Arg(t), value));

    internal static ScalarType DTypeOf<T>() where T : unmanaged =>
        TryDTypeOf<T>() ?? throw new ArgumentException($"no tensor dtype for element type {typeof(T).Name}");

    internal static ScalarType? TryDTypeOf<T>() where T : unmanaged =>
        typeof(T) == typeof(float) ? ScalarType.Float32
        : typeof(T) == typeof(double) ? ScalarType.Float64
        : typeof(T) == typeof(long) ? ScalarType.Int64
        : typeof(T) == typeof(int) ? ScalarType.Int32
        : typeof(T) == typeof(short) ? ScalarType.Int16
        : typeof(T) == typeof(byte) ? ScalarType.UInt8
        : typeof(T) == typeof(sbyte) ? ScalarType.Int8
        : typeof(T) == typeof(bool) ? ScalarType.Bool
        : typeof(T) == typeof(Half) ? ScalarType.Float16
        : null;

    private static T[] Flatten<T>(T[,] data)
    {
        var result = new T[data.Length];
        var i = 0;
        foreach (var v in data) result[i++] = v;
        return result;
    }
}
