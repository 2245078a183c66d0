using CilBench.Reports.Exporters;

namespace CilBench.Reports.Site;

/// <summary>Where each page and anchor of the site is, relative to its root: one place, so links and files agree.</summary>
internal static class SiteLinks
{
    public static string Protocol(string protocol) => $"{FileNames.Part(protocol)}/index.html";

    public static string Folder(string protocol) => FileNames.Part(protocol);

    public static string Cell(string protocol, string method, string budget) =>
        $"{FileNames.Part(protocol)}/{FileNames.Part(method)}/{FileNames.Part(budget)}.html";

    public static string Provenance(string protocol) => $"{FileNames.Part(protocol)}/provenance.html";

    public static string MethodAnchor(string method) => $"method-{FileNames.Part(method)}";

    public static string CellAnchor(string method, string budget) => $"cell-{FileNames.Part(method)}-{FileNames.Part(budget)}";

    public static string RunAnchor(string method, string budget, int seed) => $"run-{FileNames.Part(method)}-{FileNames.Part(budget)}-{seed}";

    public static string PointAnchor(string budget) => $"point-{FileNames.Part(budget)}";
}
