namespace CilBench.Torch.Tests;

using F = torch.nn.functional;

/// <summary>The same ops on CUDA as on the CPU; skipped where no CUDA device is usable.</summary>
public class CudaTests
{
    [CudaFact]
    public void TensorGoesToCudaAndBackUnchanged()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(new[] { 1.5f, -2f, 3.25f }, [3]);
        var onGpu = x.cuda();
        Assert.Equal(DeviceType.CUDA, onGpu.device.Type);
        Assert.Equal(new[] { 3f, -4f, 6.5f }, (onGpu * 2).cpu().data<float>());
        Assert.Equal(x.data<float>(), onGpu.data<float>());
    }

    [CudaFact]
    public void Conv2dOnCudaMatchesCpu()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(1);
        var x = torch.randn([2, 4, 9, 9], g, ScalarType.Float64);
        var w = torch.randn([6, 2, 3, 3], g, ScalarType.Float64);
        var b = torch.randn([6], g, ScalarType.Float64);
        var cpu = F.conv2d(x, w, b, stride: 2, padding: 1, groups: 2);
        var gpu = F.conv2d(x.cuda(), w.cuda(), b.cuda(), stride: 2, padding: 1, groups: 2);
        Check.Close(Check.Doubles(cpu), gpu.cpu(), 1e-10);
    }

    [Fact]
    public void EnsureAvailableExplainsAMissingDevice()
    {
        if (torch.cuda.is_available())
        {
            Assert.Equal(Device.CUDA(0), Device.Parse("cuda").EnsureAvailable());
            var e = Assert.Throws<InvalidOperationException>(() => Device.Parse($"cuda:{torch.cuda.device_count()}").EnsureAvailable());
            Assert.Contains("does not exist", e.Message);
        }
        else
        {
            var e = Assert.Throws<InvalidOperationException>(() => Device.Parse("cuda").EnsureAvailable());
            Assert.Contains("CUDA is not available", e.Message);
            Assert.Contains(torch.__version__, e.Message);
            Assert.Contains("LIBTORCH_DIR", e.Message);
            Assert.Throws<TorchException>(() => torch.ones([1]).cuda());
            using var scope = torch.NewDisposeScope();
            Assert.Equal(2f, (torch.ones([1]) * 2).item<float>());
        }
        Assert.Equal(Device.CPU, Device.Parse(" CPU ").EnsureAvailable());
        Assert.Throws<ArgumentException>(() => Device.Parse("tpu"));
    }
}
