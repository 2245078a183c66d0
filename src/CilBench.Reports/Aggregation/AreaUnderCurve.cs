namespace CilBench.Reports.Aggregation;

/// <summary>The trapezoid rule over points at irregular x (a budget ladder is rarely evenly spaced).</summary>
public static class AreaUnderCurve
{
    public static double Trapezoid(IEnumerable<(double X, double Y)> points)
    {
        var sorted = points.OrderBy(p => p.X).ToList();
        if (sorted.Count < 2) throw new ArgumentException("an area needs at least two points", nameof(points));
        var area = 0.0;
        for (var i = 1; i < sorted.Count; i++)
            area += (sorted[i].X - sorted[i - 1].X) * (sorted[i].Y + sorted[i - 1].Y) / 2;
        return area;
    }
}
