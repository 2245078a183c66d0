namespace CilBench.Reports.Plots;

/// <summary>
/// Matplotlib's viridis colour map (van der Walt and Smith, 2015), interpolated between nine of its stops: perceptually
/// uniform, ordered by lightness, so it reads for colour-blind readers and in greyscale print.
/// </summary>
public static class Viridis
{
    private static readonly (double R, double G, double B)[] Stops =
    [
        (0x44, 0x01, 0x54), (0x47, 0x2c, 0x7a), (0x3b, 0x51, 0x8b), (0x2c, 0x71, 0x8e), (0x21, 0x90, 0x8d),
        (0x27, 0xad, 0x81), (0x5c, 0xc8, 0x63), (0xaa, 0xdc, 0x32), (0xfd, 0xe7, 0x25),
    ];

    /// <summary>The colour at t in [0, 1] (clamped), as #rrggbb.</summary>
    public static string Colour(double t)
    {
        var x = Math.Clamp(t, 0, 1) * (Stops.Length - 1);
        var i = Math.Min((int)Math.Floor(x), Stops.Length - 2);
        var f = x - i;
        var (a, b) = (Stops[i], Stops[i + 1]);
        return $"#{Channel(a.R, b.R, f):x2}{Channel(a.G, b.G, f):x2}{Channel(a.B, b.B, f):x2}";
    }

    /// <summary>Dark text on the light end, white on the dark end (the map's lightness rises with t).</summary>
    public static string TextColour(double t) => Math.Clamp(t, 0, 1) < 0.55 ? "#ffffff" : "#000000";

    private static int Channel(double a, double b, double f) => (int)Math.Round(a + (b - a) * f, MidpointRounding.AwayFromZero);
}
