using System.CommandLine;
using System.Text.Json;
using CilBench.Cli.Bench;
using CilBench.Core.Protocols;
using CilBench.Core.Runner;
using CilBench.Learning.Backbones;
using CilBench.Torch;
using Microsoft.Extensions.DependencyInjection;

namespace CilBench.Cli.Commands;

/// <summary>
/// <c>cilbench bench</c>: performance benchmarks, each comparable with a PyTorch script in bench/: the training step
/// (bench/pytorch_reference.py) and a whole epoch as a run does it (bench/pycil_epoch.py).
/// </summary>
public static class BenchCommand
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static Command Create(IServiceProvider services)
    {
        var bench = new Command("bench", "Performance benchmarks: the training step, a whole epoch");
        bench.Subcommands.Add(CreateStep());
        bench.Subcommands.Add(CreateEpoch(services));
        return bench;
    }

    private static Command CreateEpoch(IServiceProvider services)
    {
        var protocol = new Option<string>("--protocol") { Description = "Protocol JSON file", Required = true };
        var method = new Option<string>("--method") { Description = "Method name", Required = true };
        var budget = new Option<string?>("--budget") { Description = "Budget point name (required when the protocol has several)" };
        var epochs = AtLeast(1, "--epochs", "Timed epochs per phase, after one untimed epoch", 2);
        var device = CommonOptions.Device();
        var threads = AtLeast(1, "--threads", "Intra-op threads (default: the core count)", Environment.ProcessorCount);
        var dirs = CommonOptions.PluginDirectories();
        var files = CommonOptions.PluginFiles();
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of a line of text" };
        var backends = new BackendOptions();
        var epoch = new Command("epoch", "Training images/s over a whole epoch of the protocol's second task (augmentation, exemplars, teacher) and evaluation images/s")
        {
            protocol, method, budget, epochs, device, threads, dirs, files, json,
        };
        foreach (var option in backends.All) epoch.Options.Add(option);
        epoch.SetAction(parse => CliErrors.Guard(() =>
        {
            var catalog = CommonOptions.LoadPlugins(parse, dirs, files);
            var settings = new EpochBenchmarkSettings(Path.GetFullPath(parse.GetValue(protocol)!), catalog.Find(parse.GetValue(method)!),
                parse.GetValue(budget), parse.GetValue(epochs), Device.Parse(parse.GetValue(device)!).EnsureAvailable(), parse.GetValue(threads),
                backends.Read(parse));
            var r = EpochBenchmark.Run(settings, services.GetRequiredService<ProtocolLoader>(), services.GetRequiredService<CellRunner>());
            Console.WriteLine(parse.GetValue(json)
                ? JsonSerializer.Serialize(r, Json)
                : $"cilbench {r.Method} on {r.Protocol} task {r.Task}, {r.Device}, {r.Threads} thread(s): {r.TrainImagesPerEpoch} images/epoch, " +
                  $"epoch {r.EpochSeconds} s = {r.TrainImagesPerSecond} images/s; evaluation {r.EvalImages} images in {r.EvalSeconds} s = {r.EvalImagesPerSecond} images/s");
            return 0;
        }));
        return epoch;
    }

    private static Command CreateStep()
    {
        var model = new Option<string>("--model") { Description = "Backbone name", DefaultValueFactory = _ => "resnet32" };
        model.AcceptOnlyFromAmong([.. BackboneRegistry.Names]);
        var batch = AtLeast(1, "--batch", "Images per batch", 128);
        var steps = AtLeast(1, "--steps", "Timed steps", 20);
        var warmup = AtLeast(0, "--warmup", "Untimed steps first", 3);
        var device = new Option<string>("--device") { Description = "cpu, cuda or cuda:N", DefaultValueFactory = _ => "cpu" };
        device.Validators.Add(result =>
        {
            try { Device.Parse(result.GetValueOrDefault<string>()); }
            catch (ArgumentException e) { result.AddError(e.Message); }
        });
        var threads = AtLeast(1, "--threads", "Intra-op threads (default: the core count)", Environment.ProcessorCount);
        var channels = AtLeast(1, "--channels", "Image channels", 3);
        var size = AtLeast(1, "--size", "Image height and width", 32);
        var classes = AtLeast(1, "--classes", "Classes of the linear head", 100);
        var seed = new Option<ulong>("--seed") { Description = "Seed of weights and data", DefaultValueFactory = _ => 0 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of a line of text" };
        var backends = new BackendOptions();

        var step = new Command("step", "Median time of one SGD training step and one eval forward on a random batch")
        {
            model, batch, steps, warmup, device, threads, channels, size, classes, seed, json,
        };
        foreach (var option in backends.All) step.Options.Add(option);
        step.SetAction(parse => CliErrors.Guard(() =>
        {
            var settings = new StepBenchmarkSettings(
                parse.GetValue(model)!, parse.GetValue(batch), parse.GetValue(steps), parse.GetValue(warmup),
                Device.Parse(parse.GetValue(device)!), parse.GetValue(threads), parse.GetValue(channels), parse.GetValue(size),
                parse.GetValue(classes), parse.GetValue(seed), backends.Read(parse).Over(null));
            var r = StepBenchmark.Run(settings);
            Console.WriteLine(parse.GetValue(json)
                ? JsonSerializer.Serialize(r, Json)
                : $"cilbench {r.Model} batch {r.Batch} on {r.Device}, {r.Threads} thread(s): train step {r.TrainStepMs} ms " +
                  $"(p10 {r.TrainStepP10Ms}, p90 {r.TrainStepP90Ms}), eval {r.EvalMsPerBatch} ms/batch");
            return 0;
        }));
        return step;
    }

    private static Option<int> AtLeast(int min, string name, string description, int defaultValue)
    {
        var option = new Option<int>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < min) result.AddError($"{name} must be at least {min}");
        });
        return option;
    }
}
