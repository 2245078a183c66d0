using System.Xml.Linq;
using CilBench.Reports.Plots;

namespace CilBench.Reports.Tests;

public class HeatMapTests
{
    private static readonly XNamespace Svg = SvgDocument.Ns;

    [Fact]
    public void Viridis_ends_and_middle_are_matplotlibs()
    {
        Assert.Equal("#440154", Viridis.Colour(0));
        Assert.Equal("#21908d", Viridis.Colour(0.5));
        Assert.Equal("#fde725", Viridis.Colour(1));
        Assert.Equal("#fde725", Viridis.Colour(7));
        // Halfway between the first two stops, channel by channel, halves rounded up: (68 + 71) / 2, (1 + 44) / 2, (84 + 122) / 2.
        Assert.Equal("#461767", Viridis.Colour(0.0625));
    }

    [Fact]
    public void The_accuracy_matrix_is_the_mean_of_the_seeds_matrices()
    {
        using var results = SyntheticResults.Standard();
        var replay = ReportBuilder.Build(results.Root).Protocols[0].Method("replay")!;

        var svg = XDocument.Parse(ReportPlots.AccuracyMatrix(replay.Cell("b2")!, "cnn").Render().ToFileText());
        var cells = svg.Descendants(Svg + "rect").Where(e => (string?)e.Attribute("class") == "cell")
            .ToDictionary(e => ((int)e.Attribute("data-row")!, (int)e.Attribute("data-col")!), e => (double)e.Attribute("data-value")!);

        // replay at b2: d = 5 + 2s, seeds 0 and 1, so the mean d is 6; rows [80], [65, 75], [55, 55, 70] + d.
        Assert.Equal(6, cells.Count);
        Assert.Equal(86, cells[(0, 0)], 10);
        Assert.Equal(71, cells[(1, 0)], 10);
        Assert.Equal(81, cells[(1, 1)], 10);
        Assert.Equal(61, cells[(2, 0)], 10);
        Assert.Equal(76, cells[(2, 2)], 10);
        Assert.False(cells.ContainsKey((0, 1)));
        var square = svg.Descendants(Svg + "rect").First(e => (string?)e.Attribute("data-row") == "2" && (string?)e.Attribute("data-col") == "2");
        Assert.Equal(Viridis.Colour(0.76), (string)square.Attribute("fill")!);
    }
}
