namespace CilBench.Reports.Plots;

/// <summary>
/// A lower-triangular accuracy matrix as a heat map: row i is the stage after task i, column j the accuracy on task j's
/// classes then (percent), each square labelled with its value. The colour scale is fixed at 0-100 % (viridis) so maps
/// of different methods compare by eye; empty squares (j &gt; i) stay blank.
/// </summary>
public sealed record HeatMap(string Title, string RowLabel, string ColumnLabel, IReadOnlyList<IReadOnlyList<double>> Rows)
{
    public double Size => Math.Clamp(360.0 / Math.Max(1, Rows.Count), 26, 60);

    public SvgDocument Render()
    {
        var n = Rows.Count;
        var (left, top) = (90.0, 56.0);
        var width = left + n * Size + 120;
        var height = top + n * Size + 56;
        var svg = new SvgDocument(width, height, Title);
        svg.Text(width / 2, 24, Title, "middle", 14, bold: true);
        for (var i = 0; i < n; i++)
        {
            svg.Text(left - 8, top + (i + 0.5) * Size + 4, $"after {i}", "end");
            for (var j = 0; j < Rows[i].Count; j++)
            {
                var v = Rows[i][j];
                var square = svg.Rect(left + j * Size, top + i * Size, Size - 1, Size - 1, Viridis.Colour(v / 100),
                    $"after task {i}, task {j}: {v.ToString("0.##", Numbers.Culture)} %");
                square.SetAttributeValue("class", "cell");
                square.SetAttributeValue("data-row", i);
                square.SetAttributeValue("data-col", j);
                square.SetAttributeValue("data-value", Numbers.RoundTrip(v));
                svg.Text(left + (j + 0.5) * Size, top + (i + 0.5) * Size + 4, v.ToString("0.0", Numbers.Culture), "middle", Math.Min(12, Size / 3.2))
                    .SetAttributeValue("fill", Viridis.TextColour(v / 100));
            }
        }
        for (var j = 0; j < n; j++) svg.Text(left + (j + 0.5) * Size, top + n * Size + 18, j.ToString(Numbers.Culture), "middle");
        svg.Text(left + n * Size / 2, top + n * Size + 40, ColumnLabel, "middle", 13);
        svg.Text(18, top + n * Size / 2, RowLabel, "middle", 13, rotate: -90);
        Scale(svg, left + n * Size + 30, top, n * Size);
        return svg;
    }

    // A vertical colour bar, 100 % at the top.
    private static void Scale(SvgDocument svg, double x, double y, double length)
    {
        const int steps = 20;
        for (var k = 0; k < steps; k++)
            svg.Rect(x, y + k * length / steps, 16, length / steps + 0.5, Viridis.Colour(1 - (k + 0.5) / steps));
        foreach (var tick in new[] { 0, 25, 50, 75, 100 })
            svg.Text(x + 22, y + (1 - tick / 100.0) * length + 4, $"{tick} %");
    }
}
