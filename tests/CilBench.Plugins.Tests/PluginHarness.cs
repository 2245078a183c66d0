using System.Text;
using CilBench.Abstractions;
using CilBench.Core.Hosting;
using CilBench.Core.Plugins;
using CilBench.Core.Protocols;
using CilBench.Core.Results;
using CilBench.Core.Runner;
using CilBench.Torch;
using Microsoft.Extensions.DependencyInjection;

namespace CilBench.Plugins.Tests;

/// <summary>
/// Runs a method in-process through the real harness (protocol loader, scenario, memory, evaluator, restart audit)
/// on a small Split Fashion-MNIST protocol, and returns the result as the result file would hold it.
/// </summary>
public static class PluginHarness
{
    public const string FashionMnistDir = "/usr/share/datasets/fashion-mnist";

    public static bool FashionMnistPresent => File.Exists(Path.Combine(FashionMnistDir, "train-images-idx3-ubyte.gz"));

    /// <summary>
    /// Split Fashion-MNIST B0Inc2 on a per-class subset; <paramref name="memory"/> and <paramref name="recipe"/> are JSON
    /// fragments, <paramref name="baseModel"/> the protocol's baseModel (null: none).
    /// </summary>
    public static string FashionMnistProtocol(int trainPerClass = 300, int testPerClass = 100, string? memory = null, string? recipe = null,
        string? methods = null, string? baseModel = null) => $$"""
        {
          "name": "fmnist-test",
          "baseModel": {{(baseModel is null ? "null" : $"\"{baseModel}\"")}},
          "dataset": { "name": "fmnist", "subset": { "trainPerClass": {{trainPerClass}}, "testPerClass": {{testPerClass}} } },
          "classOrder": { "seed": 1993 },
          "initialClasses": 2,
          "increment": 2,
          "augmentation": { "mean": [0.2860], "std": [0.3530] },
          "memory": {{memory ?? """{ "policy": "fixed-total", "points": [ { "name": "m200", "exemplars": 200 } ] }"""}},
          "recipe": {{recipe ?? """{ "backbone": "resnet8", "initEpochs": 4, "initMilestones": [3], "epochs": 4, "milestones": [3], "batchSize": 64 }"""}},
          "methods": {{methods ?? "{}"}},
          "seeds": [1993]
        }
        """;

    /// <summary>Runs the method; results and shared base models go to <paramref name="output"/> (default: a temporary folder removed after).</summary>
    public static RunResult Run(IMethod method, string protocolJson, string? budget = null, int seed = 1993, bool audit = true, string? output = null)
    {
        using var services = CilBenchServices.Build();
        var protocol = services.GetRequiredService<ProtocolLoader>().Parse(Encoding.UTF8.GetBytes(protocolJson), "test-protocol");
        var plugin = method is IMethodWrapper wrapper ? wrapper.Inner.GetType() : method.GetType();
        var dll = plugin.Assembly.Location;
        var loaded = new LoadedMethod(method, dll, "test", plugin.Assembly.GetName().Version!)
        {
            // As for a real plugin: a fresh method object from the DLL in a new load context, wrapped again if watched.
            Reload = () => method is IMethodWrapper w
                ? FreshMethod.Load(dll, plugin.FullName!).Wrap(w.Around)
                : FreshMethod.Load(dll, plugin.FullName!),
        };
        var root = output ?? Path.Combine(Path.GetTempPath(), "cilbench-plugin-tests", Guid.NewGuid().ToString("N"));
        try
        {
            var request = new RunRequest(protocol, loaded, protocol.Point(budget), seed, Device.CPU, root) { Audit = audit };
            return services.GetRequiredService<CellRunner>().Run(request, new SilentObserver());
        }
        finally
        {
            if (output is null && Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>
    /// Like <see cref="Run"/>, and also returns the learner's state after the last task (tensors copied to the CPU; the
    /// caller disposes them), e.g. to read its classifier.
    /// </summary>
    public static (RunResult Result, Dictionary<string, Tensor> State) RunKeepingState(IMethod method, string protocolJson, string? budget = null, int seed = 1993)
    {
        var capture = new FinalStateMethod(method);
        var result = Run(capture, protocolJson, budget, seed);
        return (result, capture.FinalState ?? throw new InvalidOperationException("the run's learner was never disposed"));
    }

    private sealed class SilentObserver : IRunObserver
    {
        public IRunLog Log { get; } = new NullLog();

        public void StageStarted(int task, int tasks, int classesSeen) { }

        public void Progress(int task, TrainingProgress progress) { }

        public void StageFinished(StageResult stage) { }

        private sealed class NullLog : IRunLog
        {
            public void Info(string message) { }

            public void Warn(string message) { }
        }
    }
}
