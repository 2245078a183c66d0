namespace CilBench.Torch;

/// <summary>Device kinds; the values are libtorch's <c>c10::DeviceType</c> codes.</summary>
public enum DeviceType
{
    CPU = 0,
    CUDA = 1,
}

/// <summary>A device such as <c>cpu</c> or <c>cuda:1</c>.</summary>
public readonly record struct Device(DeviceType Type, int Index = -1)
{
    public static readonly Device CPU = new(DeviceType.CPU);

    public static Device CUDA(int index = 0) => new(DeviceType.CUDA, index);

    /// <summary>Parses <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>.</summary>
    public static Device Parse(string text)
    {
        var s = text.Trim().ToLowerInvariant();
        if (s == "cpu") return CPU;
        if (s == "cuda") return CUDA(0);
        if (s.StartsWith("cuda:", StringComparison.Ordinal) && int.TryParse(s.AsSpan(5), out var i) && i >= 0) return CUDA(i);
        throw new ArgumentException($"unknown device '{text}': expected cpu, cuda or cuda:N");
    }

    /// <summary>Fails with a clear message when this device cannot be used in this process.</summary>
    public Device EnsureAvailable()
    {
        if (Type != DeviceType.CUDA) return this;
        if (!torch.cuda.is_available())
            throw new InvalidOperationException(
                $"device '{this}' was asked for but CUDA is not available (libtorch {torch.__version__}; " +
                "build against a CUDA LibTorch with LIBTORCH_DIR and run on a machine with an NVIDIA GPU)");
        var count = torch.cuda.device_count();
        if (Index >= count) throw new InvalidOperationException($"device '{this}' does not exist: {count} CUDA device(s)");
        return this;
    }

    public override string ToString() => Type == DeviceType.CPU ? "cpu" : Index < 0 ? "cuda" : $"cuda:{Index}";
}
