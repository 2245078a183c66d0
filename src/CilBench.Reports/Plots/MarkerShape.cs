namespace CilBench.Reports.Plots;

/// <summary>A line's marker: with colour it tells the lines apart also in greyscale print and for colour-blind readers.</summary>
public enum MarkerShape
{
    Circle,
    Square,
    TriangleUp,
    Diamond,
    TriangleDown,
    Cross,
}

public static class MarkerShapes
{
    /// <summary>The shape of the series at <paramref name="index"/>, cycling (colours cycle every ten, shapes every six).</summary>
    public static MarkerShape For(int index) => (MarkerShape)(index % 6);
}
