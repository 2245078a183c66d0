namespace CilBench.Reports.Plots;

/// <summary>A chart's size and margins (pixels); the plot area is what the margins leave, the legend sits in the right one.</summary>
public sealed record ChartFrame(double Width, double Height, double Left, double Right, double Top, double Bottom)
{
    public static readonly ChartFrame Default = new(Width: 720, Height: 440, Left: 70, Right: 190, Top: 44, Bottom: 60);

    public double PlotLeft => Left;
    public double PlotRight => Width - Right;
    public double PlotTop => Top;
    public double PlotBottom => Height - Bottom;
}
