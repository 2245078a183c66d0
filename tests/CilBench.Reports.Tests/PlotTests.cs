using System.Globalization;
using System.Xml.Linq;
using CilBench.Reports.Plots;

namespace CilBench.Reports.Tests;

public class PlotTests
{
    private static readonly XNamespace Svg = SvgDocument.Ns;

    [Theory]
    [InlineData(0, 100, 0, 100, 20)]
    [InlineData(1, 4, 1, 4, 1)]
    [InlineData(61, 86, 60, 90, 10)]
    [InlineData(2, 10, 2, 10, 2)]
    [InlineData(0.013, 0.087, 0, 0.1, 0.02)]
    public void Nice_scales_widen_to_round_numbers(double min, double max, double niceMin, double niceMax, double step)
    {
        var s = LinearScale.Nice(min, max, 0, 1);

        Assert.Equal(niceMin, s.DomainMin, 12);
        Assert.Equal(niceMax, s.DomainMax, 12);
        Assert.Equal(step, s.TickStep, 12);
    }

    [Fact]
    public void A_scale_maps_linearly_and_y_grows_upwards()
    {
        var y = new LinearScale(0, 100, RangeMin: 380, RangeMax: 44, TickStep: 20);

        Assert.Equal(380, y.Map(0));
        Assert.Equal(44, y.Map(100));
        Assert.Equal(212, y.Map(50));
        Assert.Equal([0.0, 20, 40, 60, 80, 100], y.Ticks());
    }

    [Fact]
    public void A_point_is_drawn_at_its_pixel_coordinates()
    {
        // Default frame: plot area x 70..530, y 44..380 (pixels); data 0..100 on both axes.
        var chart = new LineChart("t", "x", "y", [new Series("a", "#000000", [new(0, 0), new(25, 50), new(100, 100)])]);

        var point = Marker(XDocument.Parse(chart.Render().ToFileText()), "a", 25);

        Assert.Equal(70 + 0.25 * 460, Attr(point, "cx"), 2);
        Assert.Equal(380 - 0.5 * 336, Attr(point, "cy"), 2);
    }

    [Fact]
    public void Accuracy_versus_memory_places_each_method_at_its_budget_and_aia()
    {
        using var results = SyntheticResults.Standard();
        var toy = ReportBuilder.Build(results.Root).Protocols[0];

        var svg = XDocument.Parse(ReportPlots.AccuracyVersusMemory(toy).Render().ToFileText());

        // x: 1..4 MB on 70..530; y: AIA 61..86 widened to 60..90 on 380..44. replay at 2 MB has AIA 76.
        var replay = Marker(svg, "replay", 2);
        Assert.Equal(76, Attr(replay, "data-y"), 10);
        Assert.Equal(70 + 460 / 3.0, Attr(replay, "cx"), 2);
        Assert.Equal(380 - 16 / 30.0 * 336, Attr(replay, "cy"), 2);
        // Every method in the legend, the reference one dashed.
        var legend = svg.Descendants(Svg + "text").Select(t => t.Value).ToList();
        Assert.Contains("replay", legend);
        Assert.Contains("joint", legend);
        Assert.Single(svg.Descendants(Svg + "polyline"), p => p.Attribute("stroke-dasharray") is not null);
    }

    [Fact]
    public void Accuracy_curves_run_over_classes_seen()
    {
        using var results = SyntheticResults.Standard();
        var toy = ReportBuilder.Build(results.Root).Protocols[0];

        var svg = XDocument.Parse(ReportPlots.AccuracyCurves(toy, toy.Budgets[0]).Render().ToFileText());

        var points = Markers(svg).Where(c => (string?)c.Attribute("data-series") == "finetune").ToList();
        Assert.Equal([2.0, 4, 6], points.Select(p => Attr(p, "data-x")));
        Assert.Equal([71.0, 61, 51], points.Select(p => Attr(p, "data-y")));
        Assert.DoesNotContain(Markers(svg), c => (string?)c.Attribute("data-series") == "joint");
    }

    [Fact]
    public void Memory_breakdown_stacks_model_and_exemplars_per_stage_under_the_budget()
    {
        using var results = SyntheticResults.Standard();
        var replay = ReportBuilder.Build(results.Root).Protocols[0].Method("replay")!;

        var chart = ReportPlots.MemoryBreakdown(replay, replay.Cell("b1")!);
        var svg = XDocument.Parse(chart.Render().ToFileText());

        var bars = svg.Descendants(Svg + "rect").Where(r => (string?)r.Attribute("class") == "bar").ToList();
        Assert.Equal(6, bars.Count);
        var lastExemplars = bars.Single(b => (string?)b.Attribute("data-category") == "6" && (string?)b.Attribute("data-layer") == "exemplars");
        Assert.Equal(105 * 3072 / 1048576.0, Attr(lastExemplars, "data-value"), 10);
        Assert.Equal(1.0, chart.Limit);
        // The exemplar layer sits on the model layer: its bottom is the model's top.
        var lastModel = bars.Single(b => (string?)b.Attribute("data-category") == "6" && (string?)b.Attribute("data-layer") == "model");
        Assert.Equal(Attr(lastModel, "y"), Attr(lastExemplars, "y") + Attr(lastExemplars, "height"), 1);
    }

    [Fact]
    public void Text_is_escaped()
    {
        var chart = new LineChart("a < b & \"c\"", "x", "y", [new Series("<m>", "#000000", [new(0, 0)])]);

        var svg = XDocument.Parse(chart.Render().ToFileText());

        Assert.Contains(svg.Descendants(Svg + "text"), t => t.Value == "<m>");
    }

    private static XElement Marker(XDocument svg, string series, double x) =>
        Markers(svg).Single(c => (string?)c.Attribute("data-series") == series && Attr(c, "data-x") == x);

    // Each series has its own marker shape (circle, square, triangle...): the data points are the elements of class "point".
    private static IEnumerable<XElement> Markers(XDocument svg) => svg.Descendants().Where(e => (string?)e.Attribute("class") == "point");

    private static double Attr(XElement e, string name) => double.Parse((string)e.Attribute(name)!, CultureInfo.InvariantCulture);
}
