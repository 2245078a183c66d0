using CilBench.Core.Protocols;
using CilBench.Reports.Aggregation;

namespace CilBench.Reports.Plots;

/// <summary>
/// The report's three figures for a protocol, primary head throughout. A method keeps its colour (its leaderboard
/// position) in every figure of the protocol; reference methods are dashed.
/// </summary>
public static class ReportPlots
{
    /// <summary>Top-1 (mean over seeds) against classes seen, one line per method, at one budget point.</summary>
    public static LineChart AccuracyCurves(ProtocolReport protocol, LadderPoint budget) => new(
        $"{protocol.Name}: top-1 accuracy, budget {budget.Name}",
        "Number of classes",
        "Top-1 accuracy (%)",
        protocol.Methods
            .Select((m, i) => (Method: m, Index: i, Colour: Palette.Colour(i), Cell: m.Cell(budget.Name)))
            .Where(x => x.Cell?.Head(x.Method.PrimaryHead) is not null)
            .Select(x => new Series(x.Method.Name, x.Colour,
                x.Cell!.Stages.Zip(x.Cell.Head(x.Method.PrimaryHead)!.Top1Curve, (s, a) => new PlotPoint(s.ClassesSeen, a.Mean, $"task {s.Task}")).ToList(),
                x.Method.Reference) { Marker = MarkerShapes.For(x.Index) })
            .ToList());

    /// <summary>MEMO's figure: average incremental accuracy against memory (MB) across the budget ladder.</summary>
    public static LineChart AccuracyVersusMemory(ProtocolReport protocol) => new(
        $"{protocol.Name}: average incremental accuracy vs memory",
        "Memory (MB)",
        "Average incremental accuracy (%)",
        protocol.Methods
            .Select((m, i) => new Series(m.Name, Palette.Colour(i),
                m.Cells.Where(c => c.Head(m.PrimaryHead) is not null)
                    .Select(c => new PlotPoint(c.MemoryMegabytes, c.Head(m.PrimaryHead)!.AverageIncrementalAccuracy.Mean, c.Budget.Name))
                    .ToList(),
                m.Reference) { Marker = MarkerShapes.For(i) })
            .ToList());

    /// <summary>Model (parameters + buffers) and exemplar megabytes per stage, mean over seeds; the byte budget as a line.</summary>
    public static StackedBarChart MemoryBreakdown(MethodReport method, CellAggregate cell) => new(
        $"{cell.Protocol}: {method.Name} memory per stage, budget {cell.Budget.Name}",
        "Number of classes",
        "Memory (MB)",
        cell.Stages.Select(s => s.ClassesSeen.ToString(Numbers.Culture)).ToList(),
        [
            new BarLayer("model", Palette.Colour(0), cell.Stages.Select(s => s.Memory.ModelBytes.Mean / BudgetPoint.BytesPerMegabyte).ToList()),
            new BarLayer("exemplars", Palette.Colour(1), cell.Stages.Select(s => s.Memory.ExemplarBytes.Mean / BudgetPoint.BytesPerMegabyte).ToList()),
        ])
    {
        Limit = cell.Budget is { Policy: "budget", Bytes: long bytes } ? bytes / BudgetPoint.BytesPerMegabyte : null,
        LimitLabel = cell.Budget.Bytes is long b ? $"budget {Numbers.Megabytes(b)} MB" : null,
    };

    /// <summary>The accuracy matrix of a head, mean over the cell's seeds: row i after task i, column j task j's classes.</summary>
    public static HeatMap AccuracyMatrix(CellAggregate cell, string head) => new(
        $"{cell.Protocol}: {cell.Method} accuracy matrix ({head}), budget {cell.Budget.Name}",
        "After task",
        "Accuracy on the classes of task",
        cell.Stages.Select((_, i) => (IReadOnlyList<double>)cell.Runs[0].Result.Stages[i].Heads[head].AccuracyMatrixRow
            .Select((_, j) => cell.Runs.Average(r => r.Result.Stages[i].Heads[head].AccuracyMatrixRow[j])).ToList()).ToList());
}
