namespace CilBench.Reports.Plots;

/// <summary>One line of a line chart. Dashed marks a reference method, outside the budget.</summary>
public sealed record Series(string Name, string Colour, IReadOnlyList<PlotPoint> Points, bool Dashed = false)
{
    public MarkerShape Marker { get; init; } = MarkerShape.Circle;
}
