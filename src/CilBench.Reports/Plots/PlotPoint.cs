namespace CilBench.Reports.Plots;

/// <summary>A data point; the label (say, the budget point) goes into its tooltip.</summary>
public sealed record PlotPoint(double X, double Y, string? Label = null);
