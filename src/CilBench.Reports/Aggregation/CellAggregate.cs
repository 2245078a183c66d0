using System.Text.Json.Serialization;
using CilBench.Core.Protocols;
using CilBench.Core.Results;

namespace CilBench.Reports.Aggregation;

/// <summary>One protocol x method x budget point, aggregated over its seeds.</summary>
public sealed record CellAggregate
{
    public required string Protocol { get; init; }
    public required string Method { get; init; }
    public required bool Reference { get; init; }
    public required BudgetInfo Budget { get; init; }
    public required IReadOnlyList<int> Seeds { get; init; }
    public required IReadOnlyList<string> Files { get; init; }
    /// <summary>Primary head first, in the learner's order.</summary>
    public required IReadOnlyList<HeadAggregate> Heads { get; init; }
    public required IReadOnlyList<StageAggregate> Stages { get; init; }
    public required Stat WallSeconds { get; init; }
    /// <summary>Images served to the learner during Learn over all stages (the compute the cell cost); null when a run does not say.</summary>
    public Stat? TrainImages { get; init; }
    /// <summary>The devices the seeds ran on, in seed order, each once.</summary>
    public required IReadOnlyList<string> Devices { get; init; }
    /// <summary>Memory in MB (bytes / 2^20) for the accuracy-memory plot and AUC.</summary>
    public required double MemoryMegabytes { get; init; }
    public required MemorySource MemorySource { get; init; }

    /// <summary>The runs themselves, for per-run exports; left out of the JSON report, which names their files.</summary>
    [JsonIgnore]
    public IReadOnlyList<LoadedRun> Runs { get; init; } = [];

    public MemoryAggregate FinalMemory => Stages[^1].Memory;

    public HeadAggregate? Head(string name) => Heads.FirstOrDefault(h => h.Head == name);

    /// <summary>The run of one seed.</summary>
    public LoadedRun Run(int seed) => Runs.First(r => r.Result.Seed == seed);

    /// <summary>Aggregates the runs of one cell; seeds must agree on the budget, the stages and the heads.</summary>
    public static CellAggregate Of(IReadOnlyList<LoadedRun> runs)
    {
        var first = runs[0].Result;
        var heads = first.Stages[0].Heads.Keys.ToList();
        foreach (var (path, r) in runs.Skip(1))
        {
            if (r.Budget != first.Budget)
                throw Disagree(path, runs[0].Path, "budget point");
            if (!r.Stages.Select(s => s.ClassesSeen).SequenceEqual(first.Stages.Select(s => s.ClassesSeen)))
                throw Disagree(path, runs[0].Path, "stages (classes seen per stage)");
            if (!r.Stages[0].Heads.Keys.SequenceEqual(heads))
                throw Disagree(path, runs[0].Path, "heads");
        }

        var results = runs.Select(r => r.Result).ToList();
        var memoryBytes = first.Budget is { Bytes: long bytes, Policy: "budget" or "exemplars" } ? (double?)bytes : null;
        return new CellAggregate
        {
            Protocol = first.Protocol.Name,
            Method = first.Method.Name,
            Reference = first.Method.Reference,
            Budget = first.Budget,
            Seeds = results.Select(r => r.Seed).ToList(),
            Files = runs.Select(r => r.Path).ToList(),
            Heads = heads.Select(h => Head(h, results)).ToList(),
            Stages = first.Stages.Select((s, i) => new StageAggregate(s.Task, s.ClassesSeen, MemoryAggregate.Of(results.Select(r => r.Stages[i].Memory).ToList()))).ToList(),
            WallSeconds = Stat.Of(results.Select(r => r.Provenance.WallSeconds)),
            TrainImages = runs.All(r => r.Evidence.TotalTrainImages is not null) ? Stat.Of(runs.Select(r => (double)r.Evidence.TotalTrainImages!.Value)) : null,
            Devices = results.Select(r => r.Device).Distinct().ToList(),
            MemoryMegabytes = (memoryBytes ?? results.Average(r => (double)r.Stages[^1].Memory.TotalBytes)) / BudgetPoint.BytesPerMegabyte,
            MemorySource = memoryBytes is null ? MemorySource.MeasuredTotal : MemorySource.BudgetBytes,
            Runs = runs,
        };
    }

    private static HeadAggregate Head(string head, List<RunResult> results)
    {
        var summaries = results.Select(r => r.Summary[head]).ToList();
        return new HeadAggregate(
            head,
            Stat.Of(summaries.Select(s => s.AverageIncrementalAccuracy)),
            Stat.Of(summaries.Select(s => s.LastAccuracy)),
            Stat.Of(summaries.Select(s => s.Forgetting)),
            Stat.Of(summaries.Select(s => s.Bwt)),
            Stat.Of(summaries.Select(s => s.AverageTaskAware)),
            results[0].Stages.Select((_, i) => Stat.Of(results.Select(r => r.Stages[i].Heads[head].Top1))).ToList());
    }

    private static ReportException Disagree(string path, string other, string what) =>
        new(path, $"its {what} differ from {other}, a seed of the same cell");
}
