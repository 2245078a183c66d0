using System.Text.Json.Serialization;

namespace CilBench.Reports.Aggregation;

/// <summary>
/// One method on one protocol: a record per budget point it has any file for (ladder order), and per head its AUCs,
/// taken over its usable cells only (complete runs of one fingerprint group, nothing left out).
/// </summary>
public sealed record MethodReport(string Name, bool Reference, string Version, string Paper, IReadOnlyList<CellRecord> Records, IReadOnlyList<HeadAuc> Auc)
{
    /// <summary>The averaged cells, in ladder order (records whose seeds could be averaged).</summary>
    [JsonIgnore]
    public IReadOnlyList<CellAggregate> Cells => Records.Select(r => r.Aggregate).OfType<CellAggregate>().ToList();

    /// <summary>The head the leaderboard and plots use: the learner's first ("" when no run of the method finished).</summary>
    public string PrimaryHead =>
        Records.SelectMany(r => r.Aggregate is { } a ? [a] : r.Variants).Select(c => c.Heads[0].Head)
            .Concat(Records.SelectMany(r => r.Excluded).Select(r => r.Result.Stages[0].Heads.Keys.First()))
            .FirstOrDefault() ?? "";

    public CellAggregate? Cell(string budget) => Record(budget)?.Aggregate;

    public CellRecord? Record(string budget) => Records.FirstOrDefault(r => r.Budget == budget);

    public HeadAuc? AucOf(string head) => Auc.FirstOrDefault(a => a.Head == head);

    public static MethodReport Of(IReadOnlyList<CellRecord> records)
    {
        var run = records.SelectMany(r => r.Aggregate?.Runs ?? []).Concat(records.SelectMany(r => r.Variants.SelectMany(v => v.Runs)))
            .Concat(records.SelectMany(r => r.Excluded)).FirstOrDefault()?.Result.Method;
        var reference = run?.Reference ?? false;
        var usable = records.Where(r => r.Usable).Select(r => r.Aggregate!).ToList();
        // A reference method ignores the budget: an area over budgets it did not keep would read as a measurement.
        var auc = usable.Count == 0 || reference ? [] : usable[0].Heads.Select(h => HeadAuc.Of(h.Head, usable)).OfType<HeadAuc>().ToList();
        return new MethodReport(records[0].Method, reference, run?.Version ?? "", run?.Paper ?? "", records, auc);
    }
}
