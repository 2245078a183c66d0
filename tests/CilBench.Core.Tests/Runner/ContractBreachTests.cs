using System.Text;
using CilBench.Abstractions;
using CilBench.Core.Hosting;
using CilBench.Core.Memory;
using CilBench.Core.Plugins;
using CilBench.Core.Protocols;
using CilBench.Core.Results;
using CilBench.Core.Runner;
using CilBench.Core.Scenario;
using CilBench.Core.Tests.Data;
using CilBench.Core.Tests.Plugins;
using CilBench.Torch;
using Microsoft.Extensions.DependencyInjection;

namespace CilBench.Core.Tests.Runner;

/// <summary>
/// A real plugin DLL (tests/TestPlugins/CheatingPlugin), loaded as the CLI loads plugins, tries each way of keeping
/// state the budget does not see or touching what the harness owns; every one is caught with a message saying what.
/// </summary>
public class ContractBreachTests : IDisposable
{
    private readonly TempDirectory output = new();
    private readonly PluginFolder plugins = new();
    private readonly ServiceProvider services = CilBenchServices.Build(s => s.AddSingleton<IDatasetSource>(new SyntheticDatasetSource()));

    public void Dispose()
    {
        services.Dispose();
        plugins.Dispose();
        output.Dispose();
    }

    private RunResult Run(string cheat, string memory = """{ "policy": "fixed-total", "points": [ { "name": "m12", "exemplars": 12 } ] }""")
    {
        plugins.AddPlugin("CheatingPlugin");
        var method = PluginLoader.Load(new PluginSources { Directories = [plugins.Root] }).Find("cheater");
        var json = $$"""
            {
              "name": "synth-b2inc2", "dataset": { "name": "synth" }, "classOrder": [0, 1, 2, 3, 4, 5],
              "initialClasses": 2, "increment": 2, "memory": {{memory}},
              "methods": { "cheater": { "cheat": "{{cheat}}" } }, "seeds": [3]
            }
            """;
        var protocol = services.GetRequiredService<ProtocolLoader>().Parse(Encoding.UTF8.GetBytes(json), "synth.json");
        var request = new RunRequest(protocol, method, protocol.Points[0], 3, Device.CPU, output.Path);
        return services.GetRequiredService<CellRunner>().Run(request, new SilentObserver());
    }

    [Fact]
    public void TheHonestVariantPassesEveryAudit()
    {
        var result = Run("none");
        Assert.True(result.Audited);
        Assert.Equal(100.0, result.Summary["nme"].LastAccuracy);
    }

    [Fact]
    public void StateInAStaticFieldIsCaughtByTheFreshLoadContext()
    {
        var e = Assert.Throws<LearnerContractException>(() => Run("static"));
        Assert.Contains("restart audit failed for cheater after task 0: head 'nme' predicts differently after reloading", e.Message);
    }

    [Fact]
    public void StateInInfoIsCountedAsModelBytes()
    {
        var result = Run("info");
        // Info holds {"means":[[16 numbers] per class],"classes":n}: hundreds of bytes, all counted.
        foreach (var stage in result.Stages)
        {
            Assert.True(stage.Memory.InfoBytes > 16 * stage.ClassesSeen, $"stage {stage.Task}: {stage.Memory.InfoBytes} info bytes");
            Assert.Equal(stage.Memory.ParameterBytes + stage.Memory.BufferBytes + stage.Memory.InfoBytes + stage.Memory.ExemplarBytes,
                stage.Memory.TotalBytes);
        }
        Assert.Equal((0L, 0L), (result.Stages[^1].Memory.ParameterBytes, result.Stages[^1].Memory.BufferBytes));
    }

    [Fact]
    public void StateInInfoDoesNotFitABudgetItWouldFitForFree()
    {
        // 200 bytes: no tensors at all, yet two classes' means as JSON text are well over it.
        var e = Assert.Throws<OverBudgetException>(() => Run("info", """{ "policy": "budget", "points": [ { "name": "b200", "bytes": 200 } ] }"""));
        Assert.Contains("cheater's model takes", e.Message);
        Assert.Contains("(parameters 0, buffers 0, info ", e.Message);
    }

    [Fact]
    public void DataKeptInAFieldOnlyLearnReadsIsGoneAfterTheAudit()
    {
        var e = Assert.Throws<LearnerContractException>(() => Run("learnOnly"));
        Assert.Contains("cheater failed in task 1 (NullReferenceException", e.Message);
        Assert.Contains("rebuilt from its state after task 0 by the restart audit", e.Message);
    }

    [Fact]
    public void WritingIntoTheMemoryViewIsCaught()
    {
        var e = Assert.Throws<LearnerContractException>(() => Run("writeMemory"));
        Assert.Equal("cheater changed the exemplar memory during MemoryUpdated: the harness owns the memory, learners may only read it", e.Message);
    }
}
