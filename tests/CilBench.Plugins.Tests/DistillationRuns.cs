using CilBench.Core.Results;
using CilBench.Plugins.Finetune;
using CilBench.Plugins.ICaRL;
using CilBench.Plugins.WA;
using CilBench.Torch;

namespace CilBench.Plugins.Tests;

/// <summary>
/// Finetune, iCaRL and WA run once each, on demand, on the default Split Fashion-MNIST subset with 500 exemplars (and
/// the restart audit), shared by the tests of a class; iCaRL's and WA's final learner states are kept.
/// </summary>
public sealed class DistillationRuns : IDisposable
{
    // 500 exemplars (50 per class at the end): iCaRL and WA then clear finetune by about 25 points, far from the
    // tests' 15; with 200, WA's margin was under 18.
    private static readonly string Protocol = PluginHarness.FashionMnistProtocol(
        memory: """{ "policy": "fixed-total", "points": [ { "name": "m500", "exemplars": 500 } ] }""");

    private readonly Lazy<RunResult> finetune = new(() => PluginHarness.Run(new FinetuneMethod(), Protocol));
    private readonly Lazy<(RunResult Result, Dictionary<string, Tensor> State)> icarl = new(() => PluginHarness.RunKeepingState(new ICaRLMethod(), Protocol));
    private readonly Lazy<(RunResult Result, Dictionary<string, Tensor> State)> wa = new(() => PluginHarness.RunKeepingState(new WAMethod(), Protocol));

    public RunResult Finetune => finetune.Value;

    public (RunResult Result, Dictionary<string, Tensor> State) ICaRL => icarl.Value;

    public (RunResult Result, Dictionary<string, Tensor> State) WA => wa.Value;

    public void Dispose()
    {
        foreach (var run in new[] { icarl, wa }.Where(r => r.IsValueCreated))
        foreach (var t in run.Value.State.Values)
            t.Dispose();
    }
}
