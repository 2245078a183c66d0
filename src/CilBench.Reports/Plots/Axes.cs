namespace CilBench.Reports.Plots;

/// <summary>Draws a chart's title, grid, axes with ticks and labels, and legend.</summary>
internal static class Axes
{
    private const string Ink = "#333333";
    private const string Grid = "#e5e5e5";

    public static void Title(SvgDocument svg, ChartFrame f, string title) =>
        svg.Text((f.PlotLeft + f.PlotRight) / 2, f.PlotTop - 18, title, "middle", 14, bold: true);

    public static void Y(SvgDocument svg, ChartFrame f, LinearScale y, string label)
    {
        foreach (var t in y.Ticks())
        {
            var py = y.Map(t);
            svg.Line(f.PlotLeft, py, f.PlotRight, py, Grid);
            svg.Line(f.PlotLeft - 5, py, f.PlotLeft, py, Ink);
            svg.Text(f.PlotLeft - 8, py + 4, Tick(t), "end");
        }
        svg.Line(f.PlotLeft, f.PlotTop, f.PlotLeft, f.PlotBottom, Ink);
        svg.Text(18, (f.PlotTop + f.PlotBottom) / 2, label, "middle", 13, rotate: -90);
    }

    public static void X(SvgDocument svg, ChartFrame f, LinearScale x, string label)
    {
        foreach (var t in x.Ticks())
        {
            var px = x.Map(t);
            svg.Line(px, f.PlotBottom, px, f.PlotBottom + 5, Ink);
            svg.Text(px, f.PlotBottom + 19, Tick(t), "middle");
        }
        XLine(svg, f, label);
    }

    /// <summary>The x axis line and label, for charts that draw their own (category) ticks.</summary>
    public static void XLine(SvgDocument svg, ChartFrame f, string label)
    {
        svg.Line(f.PlotLeft, f.PlotBottom, f.PlotRight, f.PlotBottom, Ink);
        svg.Text((f.PlotLeft + f.PlotRight) / 2, f.Height - 16, label, "middle", 13);
    }

    /// <summary>One entry per line or layer: a line sample with its marker (dashed where the line is), or a filled box for bars.</summary>
    public static void Legend(SvgDocument svg, ChartFrame f, IEnumerable<(string Name, string Colour, bool Dashed)> entries, bool boxes = false,
        IReadOnlyList<MarkerShape>? markers = null)
    {
        var x = f.PlotRight + 16;
        var y = f.PlotTop + 6;
        var k = 0;
        foreach (var (name, colour, dashed) in entries)
        {
            if (boxes) svg.Rect(x + 4, y - 6, 14, 12, colour);
            else
            {
                svg.Line(x, y, x + 22, y, colour, 3, dashed);
                if (markers is not null) svg.Marker(markers[k], x + 11, y, 4.5, colour);
            }
            k++;
            svg.Text(x + 28, y + 4, name);
            y += 20;
        }
    }

    private static string Tick(double value) => value.ToString("0.###", Numbers.Culture);
}
