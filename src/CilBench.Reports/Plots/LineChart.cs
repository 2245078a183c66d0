namespace CilBench.Reports.Plots;

/// <summary>Lines with a marker at every point; both axes scaled to round numbers around the data.</summary>
public sealed record LineChart(string Title, string XLabel, string YLabel, IReadOnlyList<Series> Series)
{
    public ChartFrame Frame { get; init; } = ChartFrame.Default;

    public LinearScale XScale
    {
        get
        {
            var (min, max) = Extent(p => p.X);
            return LinearScale.Nice(min, max, Frame.PlotLeft, Frame.PlotRight);
        }
    }

    public LinearScale YScale
    {
        get
        {
            var (min, max) = Extent(p => p.Y);
            return LinearScale.Nice(min, max, Frame.PlotBottom, Frame.PlotTop);
        }
    }

    public SvgDocument Render()
    {
        var svg = new SvgDocument(Frame.Width, Frame.Height, Title);
        var (x, y) = (XScale, YScale);
        Axes.Title(svg, Frame, Title);
        Axes.Y(svg, Frame, y, YLabel);
        Axes.X(svg, Frame, x, XLabel);
        foreach (var s in Series)
        {
            var points = s.Points.OrderBy(p => p.X).ToList();
            svg.Polyline(points.Select(p => (x.Map(p.X), y.Map(p.Y))), s.Colour, dashed: s.Dashed);
            foreach (var p in points)
            {
                var tooltip = $"{s.Name}{(p.Label is null ? "" : $" @ {p.Label}")}: ({Tip(p.X)}, {Tip(p.Y)})";
                var marker = svg.Marker(s.Marker, x.Map(p.X), y.Map(p.Y), 4, s.Colour, tooltip);
                // Data attributes tie a marker back to its data, for tests and for anyone post-processing the SVG.
                marker.SetAttributeValue("class", "point");
                marker.SetAttributeValue("data-series", s.Name);
                marker.SetAttributeValue("data-x", Numbers.RoundTrip(p.X));
                marker.SetAttributeValue("data-y", Numbers.RoundTrip(p.Y));
            }
        }
        Axes.Legend(svg, Frame, Series.Select(s => (s.Name, s.Colour, s.Dashed)), markers: Series.Select(s => s.Marker).ToList());
        return svg;
    }

    // An empty chart still gets axes (0..1) rather than failing on Min() of nothing.
    private (double Min, double Max) Extent(Func<PlotPoint, double> pick)
    {
        var values = Series.SelectMany(s => s.Points).Select(pick).ToList();
        return values.Count == 0 ? (0, 1) : (values.Min(), values.Max());
    }

    private static string Tip(double v) => v.ToString("0.##", Numbers.Culture);
}
