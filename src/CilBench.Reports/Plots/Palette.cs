namespace CilBench.Reports.Plots;

/// <summary>Tableau 10: ten colours told apart by most readers, colour-blind ones included.</summary>
public static class Palette
{
    private static readonly string[] Colours =
        ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"];

    public static string Colour(int index) => Colours[index % Colours.Length];
}
