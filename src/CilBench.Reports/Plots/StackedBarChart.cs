namespace CilBench.Reports.Plots;

/// <summary>One bar per category, its layers stacked from the bottom; an optional dashed limit line (a byte budget).</summary>
public sealed record StackedBarChart(string Title, string XLabel, string YLabel, IReadOnlyList<string> Categories, IReadOnlyList<BarLayer> Layers)
{
    public ChartFrame Frame { get; init; } = ChartFrame.Default;
    public double? Limit { get; init; }
    public string? LimitLabel { get; init; }

    public LinearScale YScale
    {
        get
        {
            var top = Categories.Select((_, i) => Layers.Sum(l => l.Values[i])).Append(Limit ?? 0).Max();
            return LinearScale.Nice(0, top, Frame.PlotBottom, Frame.PlotTop);
        }
    }

    public SvgDocument Render()
    {
        var svg = new SvgDocument(Frame.Width, Frame.Height, Title);
        var y = YScale;
        Axes.Title(svg, Frame, Title);
        Axes.Y(svg, Frame, y, YLabel);
        var band = (Frame.PlotRight - Frame.PlotLeft) / Math.Max(1, Categories.Count);
        for (var i = 0; i < Categories.Count; i++)
        {
            var left = Frame.PlotLeft + i * band + band * 0.2;
            var bottom = 0.0;
            foreach (var layer in Layers)
            {
                var top = bottom + layer.Values[i];
                var bar = svg.Rect(left, y.Map(top), band * 0.6, y.Map(bottom) - y.Map(top), layer.Colour,
                    $"{Categories[i]}: {layer.Name} {layer.Values[i].ToString("0.###", Numbers.Culture)}");
                bar.SetAttributeValue("class", "bar");
                bar.SetAttributeValue("data-category", Categories[i]);
                bar.SetAttributeValue("data-layer", layer.Name);
                bar.SetAttributeValue("data-value", Numbers.RoundTrip(layer.Values[i]));
                bottom = top;
            }
            svg.Text(left + band * 0.3, Frame.PlotBottom + 19, Categories[i], "middle");
        }
        Axes.XLine(svg, Frame, XLabel);
        if (Limit is double limit)
        {
            svg.Line(Frame.PlotLeft, y.Map(limit), Frame.PlotRight, y.Map(limit), "#000000", 1.5, dashed: true);
            svg.Text(Frame.PlotRight - 4, y.Map(limit) - 6, LimitLabel ?? "limit", "end");
        }
        // Top layer first, as the bars read from the top.
        Axes.Legend(svg, Frame, Enumerable.Reverse(Layers).Select(l => (l.Name, l.Colour, false)), boxes: true);
        return svg;
    }
}
