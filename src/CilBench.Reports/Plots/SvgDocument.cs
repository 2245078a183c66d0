using System.Globalization;
using System.Xml.Linq;

namespace CilBench.Reports.Plots;

/// <summary>
/// A small SVG writer: shapes and text in pixel coordinates (origin top left). Built on XElement, so text is
/// always escaped and the output is well-formed XML.
/// </summary>
public sealed class SvgDocument
{
    public static readonly XNamespace Ns = "http://www.w3.org/2000/svg";

    public SvgDocument(double width, double height, string title)
    {
        Element = new XElement(Ns + "svg",
            new XAttribute("width", N(width)),
            new XAttribute("height", N(height)),
            new XAttribute("viewBox", $"0 0 {N(width)} {N(height)}"),
            new XAttribute("font-family", "sans-serif"),
            new XAttribute("font-size", "12"),
            new XElement(Ns + "title", title));
        Rect(0, 0, width, height, "#ffffff");
    }

    /// <summary>The &lt;svg&gt; element, for inlining in HTML.</summary>
    public XElement Element { get; }

    public XElement Rect(double x, double y, double width, double height, string fill, string? tooltip = null) =>
        Add(new XElement(Ns + "rect", A("x", x), A("y", y), A("width", width), A("height", height), new XAttribute("fill", fill)), tooltip);

    public XElement Line(double x1, double y1, double x2, double y2, string stroke, double width = 1, bool dashed = false) =>
        Add(Stroked(new XElement(Ns + "line", A("x1", x1), A("y1", y1), A("x2", x2), A("y2", y2)), stroke, width, dashed));

    public XElement Polyline(IEnumerable<(double X, double Y)> points, string stroke, double width = 2, bool dashed = false) =>
        Add(Stroked(new XElement(Ns + "polyline",
            new XAttribute("points", string.Join(" ", points.Select(p => $"{N(p.X)},{N(p.Y)}"))),
            new XAttribute("fill", "none")), stroke, width, dashed));

    public XElement Circle(double cx, double cy, double r, string fill, string? tooltip = null) =>
        Add(new XElement(Ns + "circle", A("cx", cx), A("cy", cy), A("r", r), new XAttribute("fill", fill)), tooltip);

    /// <summary>A marker of the given shape and radius centred on (cx, cy).</summary>
    public XElement Marker(MarkerShape shape, double cx, double cy, double r, string fill, string? tooltip = null)
    {
        if (shape == MarkerShape.Circle) return Circle(cx, cy, r, fill, tooltip);
        if (shape == MarkerShape.Square) return Rect(cx - r * 0.9, cy - r * 0.9, r * 1.8, r * 1.8, fill, tooltip);
        (double X, double Y)[] corners = shape switch
        {
            MarkerShape.TriangleUp => [(0, -1.25), (1.1, 0.8), (-1.1, 0.8)],
            MarkerShape.TriangleDown => [(0, 1.25), (1.1, -0.8), (-1.1, -0.8)],
            MarkerShape.Diamond => [(0, -1.3), (1.3, 0), (0, 1.3), (-1.3, 0)],
            _ => [(-0.4, -1.2), (0.4, -1.2), (0.4, -0.4), (1.2, -0.4), (1.2, 0.4), (0.4, 0.4), (0.4, 1.2), (-0.4, 1.2), (-0.4, 0.4), (-1.2, 0.4), (-1.2, -0.4), (-0.4, -0.4)],
        };
        return Add(new XElement(Ns + "polygon",
            new XAttribute("points", string.Join(" ", corners.Select(c => $"{N(cx + c.X * r)},{N(cy + c.Y * r)}"))),
            new XAttribute("fill", fill)), tooltip);
    }

    /// <summary>Text anchored (start, middle or end) at (x, y); rotate is in degrees about (x, y), -90 for a y-axis label.</summary>
    public XElement Text(double x, double y, string text, string anchor = "start", double size = 12, double rotate = 0, bool bold = false)
    {
        var e = new XElement(Ns + "text", A("x", x), A("y", y), new XAttribute("text-anchor", anchor), A("font-size", size), text);
        if (rotate != 0) e.Add(new XAttribute("transform", $"rotate({N(rotate)} {N(x)} {N(y)})"));
        if (bold) e.Add(new XAttribute("font-weight", "bold"));
        return Add(e);
    }

    /// <summary>A standalone .svg file: XML declaration and the root element.</summary>
    public string ToFileText() => new XDeclaration("1.0", "utf-8", null) + Environment.NewLine + Element;

    /// <summary>Coordinates with at most two decimals: sub-pixel precision beyond that only adds bytes.</summary>
    public static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private XElement Add(XElement e, string? tooltip = null)
    {
        // A <title> child is the browser's native tooltip: hover values without scripts.
        if (tooltip is not null) e.Add(new XElement(Ns + "title", tooltip));
        Element.Add(e);
        return e;
    }

    private static XAttribute A(string name, double value) => new(name, N(value));

    private static XElement Stroked(XElement e, string stroke, double width, bool dashed)
    {
        e.Add(new XAttribute("stroke", stroke), A("stroke-width", width));
        if (dashed) e.Add(new XAttribute("stroke-dasharray", "6 4"));
        return e;
    }
}
