namespace CilBench.Reports.Aggregation;

/// <summary>
/// MEMO's AUC-A and AUC-L (Zhou et al., "A Model or 603 Exemplars", ICLR 2023) for one head of one method: the area
/// under accuracy (a fraction, 0..1) against memory (MB) over the budget ladder, using average incremental accuracy
/// and last accuracy. Areas are comparable only over the same memory range, hence From/To.
/// </summary>
public sealed record HeadAuc(string Head, double AucA, double AucL, double FromMegabytes, double ToMegabytes, int Points)
{
    /// <summary>Null unless the head is in every cell and there are at least two cells.</summary>
    public static HeadAuc? Of(string head, IReadOnlyList<CellAggregate> cells)
    {
        if (cells.Count < 2 || cells.Any(c => c.Head(head) is null)) return null;
        var points = cells.Select(c => (X: c.MemoryMegabytes, Head: c.Head(head)!)).ToList();
        return new HeadAuc(
            head,
            AreaUnderCurve.Trapezoid(points.Select(p => (p.X, p.Head.AverageIncrementalAccuracy.Mean / 100))),
            AreaUnderCurve.Trapezoid(points.Select(p => (p.X, p.Head.LastAccuracy.Mean / 100))),
            points.Min(p => p.X),
            points.Max(p => p.X),
            points.Count);
    }
}
