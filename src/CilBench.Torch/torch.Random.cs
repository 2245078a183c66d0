using CilBench.Torch.Native;

namespace CilBench.Torch;

// Random sampling from the default generator, or from an explicit Generator for reproducible streams.
public static partial class torch
{
    public static Tensor rand(long[] shape, Generator? generator = null, ScalarType dtype = ScalarType.Float32, Device? device = null)
    {
        var d = device ?? Device.CPU;
        return Tensor.Wrap(NativeMethods.cb_rand(shape, shape.Length, Generator.HandleOrDefault(generator), (int)dtype, (int)d.Type, d.Index));
    }

    public static Tensor randn(long[] shape, Generator? generator = null, ScalarType dtype = ScalarType.Float32, Device? device = null)
    {
        var d = device ?? Device.CPU;
        return Tensor.Wrap(NativeMethods.cb_randn(shape, shape.Length, Generator.HandleOrDefault(generator), (int)dtype, (int)d.Type, d.Index));
    }

    /// <summary>Integers uniform in [low, high).</summary>
    public static Tensor randint(long low, long high, long[] shape, Generator? generator = null, ScalarType dtype = ScalarType.Int64, Device? device = null)
    {
        var d = device ?? Device.CPU;
        return Tensor.Wrap(NativeMethods.cb_randint(low, high, shape, shape.Length, Generator.HandleOrDefault(generator), (int)dtype, (int)d.Type, d.Index));
    }

    public static Tensor randperm(long n, Generator? generator = null, ScalarType dtype = ScalarType.Int64, Device? device = null)
    {
        var d = device ?? Device.CPU;
        return Tensor.Wrap(NativeMethods.cb_randperm(n, Generator.HandleOrDefault(generator), (int)dtype, (int)d.Type, d.Index));
    }

    /// <summary>Draws 0/1 with the probabilities in <paramref name="p"/>.</summary>
    public static Tensor bernoulli(Tensor p, Generator? generator = null) =>
        Tensor.Wrap(NativeMethods.cb_bernoulli(Tensor.Arg(p), Generator.HandleOrDefault(generator)));
}

public partial class Tensor
{
    public Tensor normal_(double mean = 0, double std = 1, Generator? generator = null)
    {
        NativeMethods.cb_normal_(Self, mean, std, Generator.HandleOrDefault(generator));
        return Done();
    }

    public Tensor uniform_(double from = 0, double to = 1, Generator? generator = null)
    {
        NativeMethods.cb_uniform_(Self, from, to, Generator.HandleOrDefault(generator));
        return Done();
    }

    public Tensor bernoulli_(double p = 0.5, Generator? generator = null)
    {
        NativeMethods.cb_bernoulli_(Self, p, Generator.HandleOrDefault(generator));
        return Done();
    }
}
