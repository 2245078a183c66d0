using System.Text.Json;
using System.Text.Json.Nodes;
using CilBench.Core.Evaluation;
using CilBench.Core.Fingerprints;
using CilBench.Core.Results;
using CilBench.Core.Runner;
using CilBench.Core.Sweep;

namespace CilBench.Reports.Tests;

/// <summary>
/// A temporary results directory with synthetic runs whose figures are easy to work out by hand. Protocol "toy":
/// three tasks (2, 4, 6 classes), budget points b1, b2, b3 = 1, 2, 4 MiB under the `budget` policy. For a method
/// offset m, budget index k and seed s, d = m + 5k + 2s and the top-1 curve is [80, 70, 60] + d, so AIA = 70 + d and
/// last = 60 + d; forgetting is 22.5 and BWT -22.5 for every run. Final model bytes are 212,000 and final exemplars
/// 100(k + 1) + 10s; wall time 100 + 10s seconds.
/// </summary>
internal sealed class SyntheticResults : IDisposable
{
    public const string Protocol = "toy";
    public static readonly (string Name, long Bytes)[] Budgets = [("b1", 1L << 20), ("b2", 2L << 20), ("b3", 4L << 20)];

    public string Root { get; } = Directory.CreateTempSubdirectory("cilbench-reports-").FullName;

    /// <summary>replay (m = 0, heads cnn and nme = cnn - 1) and finetune (m = -10) at b1..b3, joint (reference) at b3; seeds 0 and 1.</summary>
    public static SyntheticResults Standard()
    {
        var r = new SyntheticResults();
        for (var k = 0; k < 3; k++)
            for (var s = 0; s < 2; s++)
            {
                r.Add("replay", k, s, offset: 0, heads: ["cnn", "nme"]);
                r.Add("finetune", k, s, offset: -10);
            }
        for (var s = 0; s < 2; s++) r.Add("joint", 2, s, offset: 5, reference: true);
        return r;
    }

    /// <param name="threads">The fingerprint's thread count: seeds with different counts are not averaged together.</param>
    /// <param name="edit">Changes the result's JSON before it is written (a diverged stage, a partial over-budget run).</param>
    public string Add(string method, int budget, int seed, double offset, string[]? heads = null, bool reference = false, string policy = "budget",
        int threads = 1, Action<JsonObject>? edit = null)
    {
        var path = ResultPaths.For(Root, Protocol, method, Budgets[budget].Name, seed);
        var json = JsonSerializer.SerializeToNode(Run(method, budget, seed, offset, heads ?? ["cnn"], reference, policy, threads), ResultJson.Options)!.AsObject();
        edit?.Invoke(json);
        AtomicFile.WriteAllText(path, json.ToJsonString(ResultJson.Options));
        return path;
    }

    public string AddFile(string relativePath, string content)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    /// <param name="message">The child's one-line error (results format 2), if the record has one.</param>
    public string AddFailure(string method, int budget, int seed, string reason, string? message = null)
    {
        var path = new SweepCell(method, Budgets[budget].Name, seed, ResultPaths.For(Root, Protocol, method, Budgets[budget].Name, seed)).FailurePath;
        var failure = new CellFailure($"{method} / {Budgets[budget].Name} / seed {seed}", 137, reason, message, "killed", 12.5, DateTime.UnixEpoch);
        return AddFile(Path.GetRelativePath(Root, path), JsonSerializer.Serialize(failure, ResultJson.Options));
    }

    public static RunResult Run(string method, int budget, int seed, double offset, string[] heads, bool reference, string policy, int threads = 1)
    {
        var d = offset + 5 * budget + 2 * seed;
        var (budgetName, budgetBytes) = Budgets[budget];
        var finalExemplars = 100 * (budget + 1) + 10 * seed;
        var stages = new List<StageResult>();
        for (var t = 0; t < 3; t++)
        {
            var model = 200_000L + 1000 * t + 10_000;
            var exemplars = (t + 1) * finalExemplars / 3;
            stages.Add(new StageResult
            {
                Task = t,
                ClassesSeen = 2 * (t + 1),
                NewClasses = [2 * t, 2 * t + 1],
                Heads = heads.Select((h, i) => (h, Head(t, d - i))).ToDictionary(x => x.h, x => x.Item2),
                Memory = new MemoryUsage
                {
                    ParameterBytes = model - 10_000,
                    BufferBytes = 10_000,
                    InfoBytes = 0,
                    BackboneParameterBytes = 150_000,
                    ExemplarBytes = exemplars * 3072L,
                    TotalBytes = model + exemplars * 3072L,
                    Exemplars = exemplars,
                    Capacity = (int)((budgetBytes - model) / 3072),
                },
                Seconds = new StageSeconds { Train = 1, Memory = 0.1, Eval = 0.2 },
                TrainImages = 600,
                EvalImages = 200,
                NonFiniteScores = 0,
            });
        }
        return new RunResult
        {
            Protocol = new ProtocolInfo
            {
                Name = Protocol,
                Sha256 = "00",
                Policy = policy,
                ClassOrder = [0, 1, 2, 3, 4, 5],
                Tasks = [[0, 1], [2, 3], [4, 5]],
                Dataset = new DatasetInfoRecord { Name = "toyset", Input = "3x32x32", TrainSamples = 60, TestSamples = 30, Files = [] },
            },
            Method = new MethodInfo
            {
                Name = method, Version = "1.0", Paper = "Synthetic (2025)", File = method + ".dll", Sha256 = "11",
                Reference = reference, HyperParameters = new JsonObject(),
            },
            Budget = new BudgetInfo { Name = budgetName, Policy = policy, Bytes = policy == "budget" ? budgetBytes : null, Exemplars = policy == "budget" ? null : 600 },
            Seed = seed,
            Device = "cpu",
            Backbone = "resnet32",
            Stages = stages,
            Summary = heads.ToDictionary(h => h, h => Summary(stages, h)),
            Provenance = new Provenance
            {
                HarnessVersion = "0.1.0", HarnessSha256 = "hh", ContractVersion = "1.0", LibtorchVersion = "1.13.1", Runtime = ".NET", Os = "linux",
                Machine = "test", Threads = threads, StartedUtc = DateTime.UnixEpoch, FinishedUtc = DateTime.UnixEpoch,
                WallSeconds = 100 + 10 * seed, CommandLine = "cilbench run",
            },
            Fingerprint = CellFingerprint.Of(new FingerprintComponents("00",
                PluginClosure.Of(new SortedDictionary<string, string>(StringComparer.Ordinal) { [method + ".dll"] = "11" }),
                new HarnessBuild("hh", null), new JsonObject(), new JsonObject { ["name"] = budgetName }, seed, "cpu", threads, "1.13.1")),
            Audited = true,
        };
    }

    // The accuracy matrix gives forgetting 22.5 and BWT -22.5 whatever d is.
    private static HeadResult Head(int t, double d)
    {
        double[][] rows = [[80 + d], [65 + d, 75 + d], [55 + d, 55 + d, 70 + d]];
        double[] top1 = [80 + d, 70 + d, 60 + d];
        return new HeadResult
        {
            Top1 = top1[t], Top5 = 100, TaskAware = top1[t] + 10, Old = t == 0 ? null : top1[t] - 5, New = top1[t] + 5,
            AccuracyMatrixRow = rows[t],
        };
    }

    private static HeadSummary Summary(List<StageResult> stages, string head)
    {
        var matrix = stages.Select(s => s.Heads[head].AccuracyMatrixRow).ToList();
        return new HeadSummary
        {
            AverageIncrementalAccuracy = Metrics.AverageIncrementalAccuracy(stages.Select(s => s.Heads[head].Top1).ToList()),
            LastAccuracy = stages[^1].Heads[head].Top1,
            Forgetting = Metrics.Forgetting(matrix),
            Bwt = Metrics.BackwardTransfer(matrix),
            AverageTaskAware = stages.Average(s => s.Heads[head].TaskAware),
        };
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
