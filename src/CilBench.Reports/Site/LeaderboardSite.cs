using CilBench.Core.Results;
using CilBench.Reports.Exporters;

namespace CilBench.Reports.Site;

/// <summary>
/// `cilbench leaderboard publish`: a static site from a report. index.html lists the protocols; per protocol a page with
/// the ranking, MEMO's accuracy-memory figure, one table per budget point and the claims set beside the reproduced
/// numbers; a page per method and budget point (accuracy matrix, memory per stage, the runs); a provenance page; and
/// the CSV and JSON of the protocol beside them. Links are relative, nothing is fetched, nothing depends on the clock:
/// the same results give the same bytes.
/// </summary>
public static class LeaderboardSite
{
    public const string StyleSheet = "style.css";

    /// <summary>Lists the files of the last publish, so a new one removes what it no longer writes and nothing else.</summary>
    public const string Manifest = "site-files.txt";

    /// <summary>MEMO's figure of a protocol (average incremental accuracy against memory), relative to the site's root.</summary>
    public static string FigurePath(string protocol) => $"{SiteLinks.Folder(protocol)}/aia-vs-memory.svg";

    public static IEnumerable<ExportFile> Render(Report report, IReadOnlyList<PublishedClaims> claims)
    {
        yield return new ExportFile(StyleSheet, SiteStyle.Css);
        yield return new ExportFile("index.html", IndexPage.Render(report));
        foreach (var p in report.Protocols)
        {
            var claim = claims.FirstOrDefault(c => c.Protocol == p.Name);
            foreach (var file in ProtocolPage.Render(p, claim)) yield return file;
            yield return new ExportFile(SiteLinks.Provenance(p.Name), ProvenancePage.Render(p));
            foreach (var m in p.Methods)
                foreach (var r in m.Records)
                    foreach (var file in CellPage.Render(p, m, r)) yield return file;
            // The protocol's data, for analysis elsewhere: the report exporters over this protocol alone.
            var single = report with { Protocols = [p], Failures = report.Failures.Where(f => f.Protocol == p.Name).ToList() };
            foreach (var file in CsvExporter.Default.Render(single).Concat(JsonExporter.Default.Render(single)))
                yield return file with { RelativePath = $"{SiteLinks.Folder(p.Name)}/{file.RelativePath}" };
        }
    }

    /// <summary>Writes the site under <paramref name="outDir"/> (each file atomically) and returns the path of its index.</summary>
    public static string Publish(Report report, IReadOnlyList<PublishedClaims> claims, string outDir)
    {
        var files = Render(report, claims).ToList();
        var manifest = Path.Combine(outDir, Manifest);
        var previous = File.Exists(manifest) ? File.ReadAllLines(manifest) : [];
        foreach (var f in files) AtomicFile.WriteAllText(Path.Combine(outDir, f.RelativePath), f.Content);
        var written = files.Select(f => f.RelativePath).Order(StringComparer.Ordinal).ToList();
        foreach (var stale in previous.Except(written).Where(s => !s.Contains("..") && !Path.IsPathRooted(s)))
            File.Delete(Path.Combine(outDir, stale));
        AtomicFile.WriteAllText(manifest, string.Join("\n", written) + "\n");
        return Path.Combine(outDir, "index.html");
    }
}
