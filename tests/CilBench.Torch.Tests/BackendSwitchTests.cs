namespace CilBench.Torch.Tests;

using F = torch.nn.functional;

/// <summary>Reproducibility and speed switches, CPU autocast, and the CUDA generator (skipped without CUDA).</summary>
public class BackendSwitchTests
{
    [Fact]
    public void BackendFlagsReadBackWhatWasSet()
    {
        var saved = (torch.backends.cudnn.deterministic, torch.backends.cudnn.benchmark, torch.backends.cudnn.allow_tf32,
            torch.backends.cuda.matmul.allow_tf32, torch.are_deterministic_algorithms_enabled());
        try
        {
            foreach (var value in new[] { true, false })
            {
                torch.backends.cudnn.deterministic = value;
                torch.backends.cudnn.benchmark = !value;
                torch.backends.cudnn.allow_tf32 = value;
                torch.backends.cuda.matmul.allow_tf32 = !value;
                torch.use_deterministic_algorithms(value);
                Assert.Equal((value, !value, value, !value, value),
                    (torch.backends.cudnn.deterministic, torch.backends.cudnn.benchmark, torch.backends.cudnn.allow_tf32,
                        torch.backends.cuda.matmul.allow_tf32, torch.are_deterministic_algorithms_enabled()));
            }
        }
        finally
        {
            torch.backends.cudnn.deterministic = saved.Item1;
            torch.backends.cudnn.benchmark = saved.Item2;
            torch.backends.cudnn.allow_tf32 = saved.Item3;
            torch.backends.cuda.matmul.allow_tf32 = saved.Item4;
            torch.use_deterministic_algorithms(saved.Item5);
        }
    }

    [Fact]
    public void CpuAutocastRunsMatrixOpsInBFloat16AndEndsCleanly()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(2);
        var x = torch.randn([2, 3, 6, 6], g);
        var w = torch.randn([4, 3, 3, 3], g);
        var lw = torch.randn([5, 4], g);
        Assert.False(torch.is_autocast_enabled(DeviceType.CPU));
        Tensor conv, linear, sum;
        using (torch.autocast(ScalarType.BFloat16, DeviceType.CPU))
        {
            Assert.True(torch.is_autocast_enabled(DeviceType.CPU));
            Assert.False(torch.is_autocast_enabled(DeviceType.CUDA));
            conv = F.conv2d(x, w);
            linear = F.linear(conv.mean([2, 3]), lw);
            sum = x + x;  // not on autocast's lists: stays float32
        }
        Assert.False(torch.is_autocast_enabled(DeviceType.CPU));
        Assert.Equal((ScalarType.BFloat16, ScalarType.BFloat16, ScalarType.Float32), (conv.dtype, linear.dtype, sum.dtype));
        Assert.Equal(ScalarType.Float32, F.conv2d(x, w).dtype);
        // bfloat16 keeps about 3 significant digits of the float32 result.
        Check.Close(Check.Doubles(F.conv2d(x, w)), conv.@float(), 0.1);
        var e = Assert.Throws<ArgumentException>(() => torch.autocast(ScalarType.Float16, DeviceType.CPU));
        Assert.Contains("BFloat16", e.Message);
    }

    [Fact]
    public void ACudaGeneratorNeedsCuda()
    {
        if (torch.cuda.is_available()) return;  // covered by CudaGeneratorDrawsReproducibly
        var e = Assert.Throws<TorchException>(() => new Generator(1, Device.CUDA(0)));
        Assert.Contains("CUDA is not available", e.Message);
    }

    [CudaFact]
    public void CudaGeneratorDrawsReproducibly()
    {
        using var scope = torch.NewDisposeScope();
        using var a = new Generator(7, Device.CUDA(0));
        using var b = new Generator(7, Device.CUDA(0));
        var x = torch.randn([16], a, device: Device.CUDA(0));
        var y = torch.randn([16], b, device: Device.CUDA(0));
        Assert.Equal(DeviceType.CUDA, x.device.Type);
        Assert.Equal(x.cpu().data<float>(), y.cpu().data<float>());
    }

    [CudaFact]
    public void CudaAutocastRunsConvolutionsInBFloat16()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.ones([1, 2, 4, 4], device: Device.CUDA(0));
        var w = torch.ones([3, 2, 3, 3], device: Device.CUDA(0));
        using (torch.autocast(ScalarType.BFloat16)) Assert.Equal(ScalarType.BFloat16, F.conv2d(x, w).dtype);
        Assert.Equal(ScalarType.Float32, F.conv2d(x, w).dtype);
    }
}
