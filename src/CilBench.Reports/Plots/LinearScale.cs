namespace CilBench.Reports.Plots;

/// <summary>Maps data values (domain) to pixels (range) linearly; ticks every <see cref="TickStep"/> across the domain.</summary>
public sealed record LinearScale(double DomainMin, double DomainMax, double RangeMin, double RangeMax, double TickStep)
{
    public double Map(double value) => RangeMin + (value - DomainMin) / (DomainMax - DomainMin) * (RangeMax - RangeMin);

    public IReadOnlyList<double> Ticks()
    {
        var count = (int)Math.Floor((DomainMax - DomainMin) / TickStep + 1e-9);
        // Rounded to the step's precision so 0.1 + 0.2 labels as 0.3.
        return Enumerable.Range(0, count + 1).Select(i => Math.Round(DomainMin + i * TickStep, 10)).ToList();
    }

    /// <summary>
    /// A domain widened to round numbers that covers [dataMin, dataMax], with about <paramref name="ticks"/> ticks
    /// at 1, 2 or 5 times a power of ten (Heckbert, "Nice numbers for graph labels", Graphics Gems, 1990).
    /// For a pixel y axis pass the bottom as <paramref name="rangeMin"/>: larger values go up.
    /// </summary>
    public static LinearScale Nice(double dataMin, double dataMax, double rangeMin, double rangeMax, int ticks = 6)
    {
        if (dataMax < dataMin) (dataMin, dataMax) = (dataMax, dataMin);
        if (dataMax - dataMin < 1e-12)
        {
            var pad = dataMin == 0 ? 1 : Math.Abs(dataMin) * 0.1;
            (dataMin, dataMax) = (dataMin - pad, dataMax + pad);
        }
        var step = NiceNumber(NiceNumber(dataMax - dataMin, round: false) / (ticks - 1), round: true);
        return new LinearScale(Math.Floor(dataMin / step) * step, Math.Ceiling(dataMax / step) * step, rangeMin, rangeMax, step);
    }

    private static double NiceNumber(double x, bool round)
    {
        var power = Math.Pow(10, Math.Floor(Math.Log10(x)));
        var f = x / power;
        var nice = round
            ? f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10
            : f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
        return nice * power;
    }
}
