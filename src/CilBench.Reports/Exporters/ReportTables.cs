using CilBench.Reports.Aggregation;

namespace CilBench.Reports.Exporters;

/// <summary>The report's tables other than the leaderboard, as strings, shared by the Markdown and HTML exporters (and any console).</summary>
public static class ReportTables
{
    /// <summary>Every head's summary per method and budget point: mean ± std over seeds, percentages.</summary>
    public static TextTable Summary(ProtocolReport protocol) => new(
        ["Method", "Budget", "Head", "Seeds", "AIA", "Last", "Forgetting", "BWT", "Task-aware AIA"],
        [.. from m in protocol.Methods
            from c in m.Cells
            from h in c.Heads
            select (IReadOnlyList<string>)[
                m.Name, c.Budget.Name, h.Head, c.Seeds.Count.ToString(Numbers.Culture),
                Numbers.MeanStd(h.AverageIncrementalAccuracy), Numbers.MeanStd(h.LastAccuracy),
                Numbers.MeanStd(h.Forgetting), Numbers.MeanStd(h.Bwt), Numbers.MeanStd(h.AverageTaskAware)]]);

    /// <summary>AUC-A and AUC-L of every head, with the memory range they span (areas compare only over the same range).</summary>
    public static TextTable Auc(ProtocolReport protocol) => new(
        ["Method", "Head", "AUC-A", "AUC-L", "Memory (MB)", "Points"],
        [.. from m in protocol.Methods
            from a in m.Auc
            select (IReadOnlyList<string>)[
                m.Name, a.Head, Numbers.Fixed(a.AucA, 3), Numbers.Fixed(a.AucL, 3),
                $"{Numbers.Fixed(a.FromMegabytes)} – {Numbers.Fixed(a.ToMegabytes)}", a.Points.ToString(Numbers.Culture)]]);

    /// <summary>Memory after the last stage and wall time, per method and budget point, with the memory figure the AUC uses.</summary>
    public static TextTable FinalMemory(ProtocolReport protocol) => new(
        ["Method", "Budget", "Memory for AUC (MB)", "Model (MB)", "Exemplars", "Exemplars (MB)", "Total (MB)", "Wall time (s)"],
        [.. from m in protocol.Methods
            from c in m.Cells
            let f = c.FinalMemory
            select (IReadOnlyList<string>)[
                m.Name, c.Budget.Name,
                $"{Numbers.Fixed(c.MemoryMegabytes)} ({(c.MemorySource == MemorySource.BudgetBytes ? "budget" : "measured")})",
                Numbers.Megabytes(f.ModelBytes.Mean), Numbers.MeanStd(f.Exemplars, 1), Numbers.Megabytes(f.ExemplarBytes.Mean),
                Numbers.Megabytes(f.TotalBytes.Mean), Numbers.MeanStd(c.WallSeconds, 1)]]);

    /// <summary>A method's top-1 after each stage (mean ± std over seeds, %): one column per budget point and head.</summary>
    public static TextTable Stages(MethodReport method)
    {
        var columns = (from c in method.Cells from h in c.Heads select (Cell: c, Head: h)).ToList();
        var longest = method.Cells.MaxBy(c => c.Stages.Count)!;
        return new TextTable(
            ["Task", "Classes", .. columns.Select(x => x.Cell.Heads.Count > 1 ? $"{x.Cell.Budget.Name} {x.Head.Head}" : x.Cell.Budget.Name)],
            [.. longest.Stages.Select((s, i) => (IReadOnlyList<string>)[
                s.Task.ToString(Numbers.Culture), s.ClassesSeen.ToString(Numbers.Culture),
                .. columns.Select(x => i < x.Head.Top1Curve.Count ? Numbers.MeanStd(x.Head.Top1Curve[i]) : Numbers.Missing)])]);
    }

    /// <summary>Every run of the protocol left out of an average (failed, over budget, diverged, fingerprints that differ) and why.</summary>
    public static TextTable Problems(ProtocolReport protocol) => new(
        ["Method", "Budget", "Problem", "Seeds", "Detail"],
        [.. from r in protocol.Records
            from pr in r.Problems
            select (IReadOnlyList<string>)[r.Method, r.Budget, Leaderboards.Leaderboard.Kind(pr.Kind), string.Join(", ", pr.Seeds), pr.Detail]]);

    public static TextTable Failures(IReadOnlyList<FailedCell> failures) => new(
        ["Protocol", "Method", "Budget", "Seed", "Exit code", "Reason", "Seconds", "File"],
        [.. failures.Select(f => (IReadOnlyList<string>)[
            f.Protocol, f.Method, f.Budget, f.Seed.ToString(Numbers.Culture), f.Failure.ExitCode.ToString(Numbers.Culture),
            f.Failure.Reason, Numbers.Fixed(f.Failure.Seconds, 1), f.Path])]);
}
