using System.Text;
using CilBench.Abstractions;
using CilBench.Core.Checks;
using CilBench.Core.Hosting;
using CilBench.Core.Protocols;
using CilBench.Core.Runner;
using CilBench.Core.Scenario;
using CilBench.Core.Tests.Data;
using CilBench.Core.Tests.Plugins;
using CilBench.Core.Tests.Runner;
using Microsoft.Extensions.DependencyInjection;

namespace CilBench.Core.Tests.Checks;

/// <summary>
/// `cilbench check` in-process on "synth" (6 classes of 1 x 4 x 4 images, three tasks, a 1 MB budget): a plugin that
/// keeps the contract passes every check, and BrokenPlugin, with one breach switched on by its "defect"
/// hyper-parameter, fails the check that names that breach.
/// </summary>
[Collection(nameof(SerialChecks))]
public class ContractCheckerTests : IDisposable
{
    private readonly TempDirectory directory = new();
    private readonly ServiceProvider services = CilBenchServices.Build(s => s.AddSingleton<IDatasetSource>(new SyntheticDatasetSource()));

    public void Dispose()
    {
        services.Dispose();
        directory.Dispose();
    }

    private string Protocol(string defect)
    {
        var path = System.IO.Path.Combine(directory.Path, $"{defect}.json");
        File.WriteAllText(path, $$"""
            {
              "name": "synth-check",
              "dataset": { "name": "synth" },
              "classOrder": [5, 3, 1, 0, 2, 4],
              "initialClasses": 2,
              "increment": 2,
              "memory": { "policy": "budget", "points": [ { "name": "b1mb", "megabytes": 1 } ] },
              "methods": { "broken": { "defect": "{{defect}}" } },
              "seeds": [3]
            }
            """);
        return path;
    }

    private CheckReport Check(string plugin, string? protocol = null) =>
        services.GetRequiredService<ContractChecker>().Check(new CheckRequest(plugin) { ProtocolFile = protocol }, new SilentCheck());

    [Fact]
    public void PluginThatKeepsTheContractPassesEveryCheck()
    {
        using var folder = new PluginFolder();
        var report = Check(folder.AddPlugin("BrokenPlugin"), Protocol("none"));

        Assert.True(report.Passed, string.Join("\n", report.Results));
        Assert.Equal(ContractCheck.All, report.Results.Select(r => r.Check));
        Assert.Contains("3 tasks, 6 classes, twice with seed 3", report[ContractCheck.Run].Message);
        Assert.Contains("3 rankings", report[ContractCheck.Ranking].Message);
        Assert.Contains("budget 1,048,576 bytes", report[ContractCheck.Budget].Message);
    }

    [Theory]
    [InlineData("lenient", "hyper-parameters", "Create accepted the unknown hyper-parameter 'cilbenchCheckUnknownKey'")]
    [InlineData("throws-in-learn", "run", "stopped at task 1: broken failed in task 1 (InvalidOperationException: broken: Learn fails at the second task)")]
    [InlineData("hidden-state", "state", "stopped at task 0: restart audit failed for broken")]
    [InlineData("nan-scores", "predict", "task 0: head 'nme' gave 8 non-finite scores (NaN or infinity) of 16 in a batch of 8")]
    [InlineData("batch-peek", "predict", "task 0: image 0 predicted alone scored differently than in its batch of 8")]
    [InlineData("grows-in-predict", "predict", "task 0: predicting changed the state (tensor 'predictions' differs)")]
    [InlineData("unseeded", "determinism", "task 0: two runs with seed 3 differ: the state's tensor 'class_means' differs")]
    [InlineData("duplicate-ranking", "ranking", "task 0: class 0: candidate 0 is ranked 2 times")]
    [InlineData("ranking-out-of-range", "ranking", "task 0: class 0: position 20 is outside its 20 candidates")]
    [InlineData("over-budget", "budget", "stopped at task 0: broken's model takes 2,097,152 bytes (parameters 2,097,152, buffers 0, info 0) before any training, over the budget 'b1mb' of 1,048,576 bytes")]
    public void EachBreachFailsTheCheckThatNamesIt(string defect, string check, string message)
    {
        using var folder = new PluginFolder();
        var report = Check(folder.AddPlugin("BrokenPlugin"), Protocol(defect));

        var failed = report.Results.Where(r => r.Status == CheckStatus.Failed).ToList();
        var result = Assert.Single(failed, r => r.Check.Name == check);
        Assert.Contains(message, result.Message);
        // Only the breached check fails, and "run" when the breach stopped the run; the rest pass or could not run.
        Assert.All(failed, r => Assert.Contains(r.Check.Name, new[] { check, "run" }));
        if (check != "run" && report[ContractCheck.Run].Status == CheckStatus.Failed)
            Assert.EndsWith($"by the {check} check", report[ContractCheck.Run].Message);
        Assert.False(report.Passed);
    }

    [Fact]
    public void ABreachFoundBeforeTrainingStopsTheCheckBeforeAnyRun()
    {
        using var folder = new PluginFolder();
        var report = Check(folder.AddPlugin("BrokenPlugin"), Protocol("lenient"));

        Assert.All(report.Results.Where(r => !r.Check.BeforeWork), r =>
        {
            Assert.Equal(CheckStatus.NotRun, r.Status);
            Assert.Equal("not run: hyper-parameters failed before any training", r.Message);
        });
    }

    [Theory]
    [InlineData("ThrowingPlugin", "the constructor of ThrowingPlugin.ThrowingMethod threw InvalidOperationException")]
    [InlineData("Contract2Plugin", "built against contract 2.x, this harness has contract 1.2")]
    public void PluginThatDoesNotLoadFailsTheLoadCheckAndNothingElseRuns(string project, string reason)
    {
        using var folder = new PluginFolder();
        var report = Check(folder.AddPlugin(project));

        Assert.Equal(CheckStatus.Failed, report[ContractCheck.Load].Status);
        Assert.Contains(reason, report[ContractCheck.Load].Message);
        Assert.All(report.Results.Skip(1), r => Assert.Equal(CheckStatus.NotRun, r.Status));
    }

    /// <summary>Discards the check's lines and its runs' progress.</summary>
    private sealed class SilentCheck : ICheckObserver
    {
        private readonly SilentObserver runs = new();

        public IRunLog Log => runs;

        public void ProtocolChosen(Protocol protocol, BudgetPoint point, int seed) { }

        public void Result(CheckResult result) { }

        public IRunObserver RunStarted(int run, int runs) => this.runs;
    }
}

/// <summary>Checks run two same-seed runs and compare them: nothing else may draw from libtorch's generator meanwhile.</summary>
[CollectionDefinition(nameof(SerialChecks), DisableParallelization = true)]
public sealed class SerialChecks;
