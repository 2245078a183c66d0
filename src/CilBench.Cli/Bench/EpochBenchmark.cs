using System.Diagnostics;
using System.Text.Json.Nodes;
using CilBench.Abstractions;
using CilBench.Core.Protocols;
using CilBench.Core.Results;
using CilBench.Core.Runner;
using CilBench.Torch;

namespace CilBench.Cli.Bench;

/// <summary>
/// Times a whole training epoch and the evaluation as a run does them: the protocol's second task (the first with
/// exemplars to merge and, for distilling methods, a teacher to run), through the harness's own runner, with the
/// protocol's data, augmentation, batch size and budget. Every epoch hyper-parameter of the method is replaced so
/// that the first task trains one epoch and every phase of the second 1 + <see cref="EpochBenchmarkSettings.Epochs"/>;
/// the run stops when the second task has been evaluated. bench/pycil_epoch.py times the same epoch in PyTorch with
/// PyCIL's pipeline.
/// </summary>
public static class EpochBenchmark
{
    private const int TimedTask = 1;

    public static EpochBenchmarkResult Run(EpochBenchmarkSettings s, ProtocolLoader loader, CellRunner runner)
    {
        torch.set_num_threads(s.Threads);
        var protocol = loader.Parse(System.Text.Encoding.UTF8.GetBytes(WithShortEpochs(s).ToJsonString()), s.ProtocolFile);
        if (protocol.Tasks.Count <= TimedTask)
            throw new ArgumentException($"{s.ProtocolFile}: the epoch benchmark times the second task, but the protocol has {protocol.Tasks.Count} task(s)");
        var point = protocol.Point(s.Budget);
        var backends = s.Backends.Over(protocol.Spec.Backends);
        var output = Directory.CreateTempSubdirectory("cilbench-bench-epoch-").FullName;
        var observer = new EpochClock(Console.Error);
        using var stop = new CancellationTokenSource();
        observer.SecondTaskEvaluated += stop.Cancel;
        var home = Directory.GetCurrentDirectory();
        try
        {
            // A plugin may write files where it runs: in the temporary folder, not in the user's.
            Directory.SetCurrentDirectory(output);
            runner.Run(new RunRequest(protocol, s.Method, point, protocol.Spec.Seeds[0], s.Device, output) { Audit = false, Backends = backends },
                observer, stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopped on purpose after the timed task.
        }
        finally
        {
            Directory.SetCurrentDirectory(home);
            Directory.Delete(output, recursive: true);
        }

        var stage = observer.Stage ?? throw new InvalidOperationException("the run ended before its second task was evaluated");
        var phases = observer.Phases();
        var epochs = phases.Sum(p => p.Epochs + 1);
        var perEpoch = stage.TrainImages / epochs;
        return new EpochBenchmarkResult(
            "cilbench", protocol.Name, s.Method.Name, point.Name, TimedTask + 1, s.Device.ToString(), torch.get_num_threads(),
            torch.__version__, backends, perEpoch, phases[0].EpochSeconds, Math.Round(perEpoch / phases[0].EpochSeconds, 1),
            stage.EvalImages, Math.Round(stage.Seconds.Eval, 3), Math.Round(stage.EvalImages / stage.Seconds.Eval, 1), phases);
    }

    /// <summary>
    /// The protocol file with the first task's epochs set to one and every other epoch count of the method (its
    /// defaults' keys ending in "epochs", e.g. epochs, compressEpochs) to 1 + Epochs.
    /// </summary>
    private static JsonObject WithShortEpochs(EpochBenchmarkSettings s)
    {
        JsonObject file;
        try
        {
            file = JsonNode.Parse(File.ReadAllText(s.ProtocolFile)) as JsonObject
                ?? throw new ProtocolException($"{s.ProtocolFile}: expected a protocol object");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
        {
            throw new ProtocolException($"{s.ProtocolFile}: cannot read the protocol: {e.Message}", e);
        }
        var defaults = JsonNode.Parse(s.Method.Method.DefaultHyperParameters) as JsonObject ?? [];
        var methods = file["methods"] as JsonObject ?? (JsonObject)(file["methods"] = new JsonObject());
        var key = methods.Select(m => m.Key).FirstOrDefault(k => string.Equals(k, s.Method.Name, StringComparison.OrdinalIgnoreCase)) ?? s.Method.Name;
        var overrides = methods[key] as JsonObject ?? (JsonObject)(methods[key] = new JsonObject());
        foreach (var name in defaults.Select(d => d.Key).Append("initEpochs").Append("epochs").Distinct())
        {
            if (!name.EndsWith("epochs", StringComparison.OrdinalIgnoreCase)) continue;
            overrides[name] = name == "initEpochs" ? 1 : 1 + s.Epochs;
        }
        return file;
    }

    /// <summary>Wall-clock times of the timed task's epochs, per phase, and its stage result.</summary>
    private sealed class EpochClock(TextWriter progress) : IRunObserver, IRunLog
    {
        private readonly List<(string Phase, double Seconds)> ends = [];
        private readonly Stopwatch clock = Stopwatch.StartNew();

        public event Action? SecondTaskEvaluated;

        public StageResult? Stage { get; private set; }

        public IRunLog Log => this;

        public void Info(string message) => progress.WriteLine(message);

        public void Warn(string message) => progress.WriteLine($"warning: {message}");

        public void StageStarted(int task, int tasks, int classesSeen) => progress.WriteLine($"task {task + 1}: {classesSeen} classes");

        public void Progress(int task, TrainingProgress p)
        {
            progress.WriteLine($"task {task + 1} {p.Phase} epoch {p.Epoch}/{p.Epochs} ({clock.Elapsed.TotalSeconds:F1} s)");
            if (task == TimedTask) ends.Add((p.Phase, clock.Elapsed.TotalSeconds));
        }

        public void StageFinished(StageResult stage)
        {
            if (stage.Task != TimedTask) return;
            Stage = stage;
            SecondTaskEvaluated?.Invoke();
        }

        /// <summary>Per phase in order: its epochs after the first, and their median length.</summary>
        public List<EpochBenchmarkPhase> Phases()
        {
            var phases = new List<EpochBenchmarkPhase>();
            foreach (var group in ends.GroupBy(e => e.Phase))
            {
                var lengths = group.Zip(group.Skip(1), (a, b) => b.Seconds - a.Seconds).ToArray();
                if (lengths.Length == 0)
                    throw new InvalidOperationException($"phase '{group.Key}' reported one epoch; the benchmark needs two or more to time one without its set-up");
                phases.Add(new EpochBenchmarkPhase(group.Key, lengths.Length, BenchStatistics.Percentile(lengths, 0.5)));
            }
            return phases.Count > 0 ? phases : throw new InvalidOperationException("the method reported no training epoch in the second task");
        }
    }
}
