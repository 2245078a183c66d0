using System.Diagnostics;
using CilBench.Core.Runner;
using CilBench.Learning.Backbones;
using CilBench.Torch;
using F = CilBench.Torch.torch.nn.functional;

namespace CilBench.Cli.Bench;

/// <summary>
/// Times the training step every method repeats most: backbone + Linear head forward on a random batch,
/// cross-entropy, backward, SGD (lr 0.1, momentum 0.9, weight decay 5e-4) step, zero_grad; and the eval-mode
/// no_grad forward. Each timed call runs in its own dispose scope, after warm-up calls. bench/pytorch_reference.py
/// does the same in PyTorch.
/// </summary>
public static class StepBenchmark
{
    public static StepBenchmarkResult Run(StepBenchmarkSettings s)
    {
        var device = s.Device.EnsureAvailable();
        torch.set_num_threads(s.Threads);
        torch.manual_seed(s.Seed);
        BackendSwitches.Apply(s.Backends);
        using var backbone = BackboneRegistry.Create(s.Model, s.Channels);
        using var head = new torch.nn.Linear(backbone.OutDim, s.Classes);
        backbone.to(device);
        head.to(device);
        var parameters = backbone.parameters().Concat(head.parameters()).ToList();
        using var optimizer = new torch.optim.SGD(parameters, 0.1, momentum: 0.9, weight_decay: 5e-4);
        using var x = torch.randn([s.Batch, s.Channels, s.Size, s.Size], device: device);
        using var y = torch.randint(0, s.Classes, [s.Batch], device: device);
        // Kernels on CUDA are asynchronous: wait for them, or the clock stops before the work is done.
        Action sync = device.Type == DeviceType.CUDA ? () => torch.cuda.synchronize(Math.Max(device.Index, 0)) : () => { };

        void TrainStep()
        {
            using var scope = torch.NewDisposeScope();
            var loss = F.cross_entropy(head.forward(backbone.forward(x)), y);
            loss.backward();
            optimizer.step();
            optimizer.zero_grad();
            sync();
        }

        void EvalStep()
        {
            using var scope = torch.NewDisposeScope();
            using var noGrad = torch.no_grad();
            head.forward(backbone.forward(x));
            sync();
        }

        backbone.train();
        head.train();
        var (train, trainCpu) = Time(TrainStep, s.Warmup, s.Steps);
        backbone.eval();
        head.eval();
        var (eval, evalCpu) = Time(EvalStep, s.Warmup, s.Steps);

        return new StepBenchmarkResult(
            "cilbench", s.Model, s.Batch, s.Steps, s.Warmup, s.Channels, s.Size, s.Classes, device.ToString(),
            torch.get_num_threads(), torch.__version__, s.Backends, backbone.parameter_count(), parameters.Sum(p => p.numel()),
            BenchStatistics.Percentile(train, 0.5), BenchStatistics.Percentile(train, 0.1), BenchStatistics.Percentile(train, 0.9),
            BenchStatistics.Percentile(eval, 0.5), BenchStatistics.Percentile(eval, 0.1), BenchStatistics.Percentile(eval, 0.9),
            BenchStatistics.Percentile(trainCpu, 0.5), BenchStatistics.Percentile(evalCpu, 0.5));
    }

    /// <summary>Wall and process CPU milliseconds of each timed call.</summary>
    private static (double[] Wall, double[] Cpu) Time(Action step, int warmup, int steps)
    {
        for (var i = 0; i < warmup; i++) step();
        var (wall, cpu) = (new double[steps], new double[steps]);
        for (var i = 0; i < steps; i++)
        {
            var cpuStart = Environment.CpuUsage.TotalTime;
            var start = Stopwatch.GetTimestamp();
            step();
            wall[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            cpu[i] = (Environment.CpuUsage.TotalTime - cpuStart).TotalMilliseconds;
        }
        return (wall, cpu);
    }
}
