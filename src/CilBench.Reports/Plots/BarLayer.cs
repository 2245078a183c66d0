namespace CilBench.Reports.Plots;

/// <summary>One layer of a stacked bar chart: a value per category, stacked in the order layers are given.</summary>
public sealed record BarLayer(string Name, string Colour, IReadOnlyList<double> Values);
