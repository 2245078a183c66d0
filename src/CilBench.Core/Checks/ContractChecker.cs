using System.Text.Json;
using System.Text.Json.Nodes;
using CilBench.Abstractions;
using CilBench.Core.Memory;
using CilBench.Core.Plugins;
using CilBench.Core.Protocols;
using CilBench.Core.Runner;
using CilBench.Torch;

namespace CilBench.Core.Checks;

/// <summary>
/// <c>cilbench check</c>: the contract checks a method passes before its results go on a leaderboard. As
/// BenchmarkDotNet's validators, the checks that need no training come first and a failure among them stops the check
/// before any work. Then the real runner runs the cell twice with the same seed, restart audit on, with the method's
/// learners wrapped in probes (<see cref="ProbeLearner"/>); the run-based checks judge what the runs and probes saw.
/// </summary>
public sealed class ContractChecker(ProtocolLoader protocols, IDatasetInfoSource datasets, CellRunner runner)
{
    private const int Runs = 2;

    public CheckReport Check(CheckRequest request, ICheckObserver observer, CancellationToken cancellation = default)
    {
        var results = new List<CheckResult>();
        void Add(CheckResult result)
        {
            results.Add(result);
            observer.Result(result);
        }
        CheckReport Stop(string reason)
        {
            foreach (var check in ContractCheck.All.Skip(results.Count)) Add(CheckResult.NotRun(check, reason));
            return new CheckReport(request.Plugin, results);
        }

        var (load, loaded) = LoadCheck.Run(request.Plugin);
        Add(load);
        if (loaded is null) return Stop("not run: the plugin did not load");
        Add(IdentityCheck.Run(loaded));

        var protocol = request.ProtocolFile is { } file ? protocols.Load(file) : CheckProtocol.For(loaded.Method, protocols);
        var point = protocol.Point(request.Budget);
        var seed = request.Seed ?? protocol.Spec.Seeds[0];
        var device = request.Device.EnsureAvailable();
        observer.ProtocolChosen(protocol, point, seed);
        var shape = datasets.Find(protocol.Spec.Dataset.Name)!.Shape;
        Add(HyperParameterCheck.Run(loaded, protocol, point, hyper => new MethodContext
        {
            Device = device,
            Seed = seed,
            Backbone = hyper["backbone"] is JsonValue v && v.TryGetValue<string>(out var backbone) ? backbone : "-",
            Input = shape,
            TotalClasses = protocol.ClassOrder.Count,
            TaskCount = protocol.Tasks.Count,
            HyperParameters = JsonSerializer.SerializeToElement(hyper),
            Log = observer.Log,
        }));
        var failed = results.Where(r => r.Status == CheckStatus.Failed).Select(r => r.Check.Name).ToList();
        if (failed.Count > 0) return Stop($"not run: {string.Join(", ", failed)} failed before any training");

        var work = Directory.CreateTempSubdirectory("cilbench-check-").FullName;
        try
        {
            var first = RunOnce(1, new RunRequest(protocol, loaded, point, seed, device, work), observer, cancellation);
            var second = first.Completed ? RunOnce(2, new RunRequest(protocol, loaded, point, seed, device, work), observer, cancellation) : null;
            var evidence = new CheckEvidence(protocol, point, loaded, first, second);
            Add(RunCheck.Judge(evidence));
            Add(StateCheck.Judge(evidence));
            Add(PredictCheck.Judge(evidence));
            Add(DeterminismCheck.Judge(evidence));
            Add(RankingCheck.Judge(evidence));
            Add(BudgetCheck.Judge(evidence));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
        return new CheckReport(request.Plugin, results);
    }

    /// <summary>
    /// One run of the cell through the real runner, with probes around the method's learners. What the plugin causes
    /// is evidence; what it cannot have caused (the dataset missing, before the first task) is the harness's error.
    /// </summary>
    private CheckRun RunOnce(int index, RunRequest request, ICheckObserver observer, CancellationToken cancellation)
    {
        var root = Path.Combine(request.OutputRoot, $"run-{index}");
        var probe = new ProbeLog(Directory.CreateDirectory(Path.Combine(root, "probe")).FullName, request.Fingerprint(torch.get_num_threads()));
        var loaded = request.Method;
        var probed = request with
        {
            // The learners the restart audit rebuilds, from a fresh method in a fresh load context, are probed too:
            // the run goes on with them.
            Method = loaded with
            {
                Method = new ProbeMethod(loaded.Method, probe),
                Reload = () => loaded.Reload().Wrap(fresh => new ProbeMethod(fresh, probe)),
            },
            OutputRoot = root,
            Audit = true,
            Resume = false,
            CommandLine = $"cilbench check {request.Method.Path}",
        };
        try
        {
            return new CheckRun(runner.Run(probed, observer.RunStarted(index, Runs), cancellation), null, probe);
        }
        catch (Exception e) when (e is not OperationCanceledException && (probe.Task >= 0 || probe.Threw is not null || e is OverBudgetException))
        {
            return new CheckRun(null, e, probe);
        }
    }
}
