namespace CilBench.Reports.Aggregation;

/// <summary>One method on one protocol: its cells in budget-ladder order and, per head, its AUCs.</summary>
public sealed record MethodReport(string Name, bool Reference, string Version, string Paper, IReadOnlyList<CellAggregate> Cells, IReadOnlyList<HeadAuc> Auc)
{
    /// <summary>The head the leaderboard and plots use: the learner's first.</summary>
    public string PrimaryHead => Cells[0].Heads[0].Head;

    public CellAggregate? Cell(string budget) => Cells.FirstOrDefault(c => c.Budget.Name == budget);

    public HeadAuc? AucOf(string head) => Auc.FirstOrDefault(a => a.Head == head);

    public static MethodReport Of(IReadOnlyList<CellAggregate> cells)
    {
        var method = cells[0].Runs[0].Result.Method;
        var auc = cells[0].Heads.Select(h => HeadAuc.Of(h.Head, cells)).OfType<HeadAuc>().ToList();
        return new MethodReport(method.Name, cells.Any(c => c.Reference), method.Version, method.Paper, cells, auc);
    }
}
