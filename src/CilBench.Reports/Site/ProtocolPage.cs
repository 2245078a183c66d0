using CilBench.Core.Protocols;
using CilBench.Reports.Aggregation;
using CilBench.Reports.Exporters;
using CilBench.Reports.Leaderboards;
using CilBench.Reports.Plots;
using CilBench.Reports.Statistics;
using static CilBench.Reports.Site.Html;

namespace CilBench.Reports.Site;

/// <summary>
/// A protocol's page: the ranking (AUC-A / AUC-L), MEMO's accuracy-memory figure, the claims beside the reproduced
/// numbers, and one table per budget point with every method's row, the ones left out of averages included.
/// </summary>
internal static class ProtocolPage
{
    public static IEnumerable<ExportFile> Render(ProtocolReport p, PublishedClaims? claims)
    {
        var page = new SitePage(SiteLinks.Protocol(p.Name), p.Name, [("Leaderboards", "index.html")]);
        var files = new List<ExportFile>();
        var html = page.Body;
        var folder = SiteLinks.Folder(p.Name);
        html.AppendLine($"<h1>{E(p.Name)}</h1>");
        html.AppendLine("<dl class=\"facts\">");
        html.AppendLine($"<dt>Dataset</dt><dd>{E(p.Dataset)}, {p.Tasks} tasks</dd><dt>Memory policy</dt><dd>{Code(p.Policy)}</dd>");
        html.AppendLine($"<dt>Budget ladder</dt><dd>{E(string.Join(", ", p.Budgets.Select(b => b.Megabytes is double mb ? $"{b.Name} ({Numbers.Fixed(mb)} MB)" : b.Name)))}</dd>");
        html.AppendLine($"<dt>Protocol file SHA-256</dt><dd>{string.Join("<br>", p.ProtocolSha256.Select(Code))}"
            + (p.ProtocolSha256.Count > 1 ? " <span class=\"status\">(the runs used different versions of the protocol file)</span>" : "") + "</dd>");
        if (claims is not null && claims.Figures.Count > 0)
            html.AppendLine($"<dt>Published figures from</dt><dd>{Code(claims.File)} ({(p.ProtocolSha256.Contains(claims.Sha256) ? "the protocol file the runs used" : $"SHA-256 {E(claims.Sha256)}, not the file the runs used")})</dd>");
        html.AppendLine("</dl>");

        html.AppendLine("<h2 id=\"ranking\">Ranking</h2>");
        html.AppendLine($"<p>{E(p.Leaderboard.RankingNote)}</p>");
        Ranking(page, p, claims);

        html.AppendLine("<h2 id=\"figure\">Average incremental accuracy against memory</h2>");
        Figure(page, files, LeaderboardSite.FigurePath(p.Name), ReportPlots.AccuracyVersusMemory(p).Render(),
            "MEMO's figure: one line per method across the budget ladder (primary head, mean over seeds).");

        if (claims is not null && claims.Figures.Count > 0)
        {
            html.AppendLine("<h2 id=\"claims\">Claimed and reproduced</h2>");
            Claims(html, p, claims);
        }

        foreach (var point in p.Budgets)
        {
            html.AppendLine($"<h2 id=\"{SiteLinks.PointAnchor(point.Name)}\">Budget point {E(point.Name)}"
                + (point.Megabytes is double mb ? $" ({Numbers.Fixed(mb)} MB)" : "") + "</h2>");
            Point(page, p, point, claims);
            Figure(page, files, $"{folder}/accuracy-{FileNames.Part(point.Name)}.svg", ReportPlots.AccuracyCurves(p, point).Render(),
                "Top-1 accuracy over all classes seen after each task (primary head, mean over seeds).");
        }

        html.AppendLine("<h2 id=\"data\">Data</h2><ul>");
        foreach (var (file, what) in new[]
        {
            ("leaderboard.csv", "the ranking, one row per method and budget point"), ("summary.csv", "every head per cell, mean and std over seeds"),
            ("runs.csv", "every run with its status and fingerprint"), ("stages.csv", "per-stage curves and memory"),
            ("auc.csv", "AUC-A and AUC-L per method and head"), ("problems.csv", "runs left out of averages, and why"),
            ("report.json", "the whole aggregated report"),
        })
            html.AppendLine($"<li>{A(file, file)}: {E(what)}</li>");
        html.AppendLine($"<li>{A("provenance.html", "provenance.html")}: what produced every run</li></ul>");
        files.Insert(0, new ExportFile(page.Path, page.Render()));
        return files;
    }

    private static void Ranking(SitePage page, ProtocolReport p, PublishedClaims? claims)
    {
        var board = p.Leaderboard;
        var header = new List<string> { "Rank", "Mark", "Method", "AUC-A", "AUC-L", "AUC memory range (MB)" };
        var claimed = claims is not null && claims.Figures.Values.Any(f => f.AucA is not null || f.AucL is not null);
        if (claimed) header.Add("Claimed AUC-A / AUC-L");
        foreach (var c in board.Columns) header.AddRange([$"{c.Name} AIA", $"{c.Name} last"]);
        header.AddRange(["Provenance", "Not ranked because"]);
        Table(page.Body, "leaderboard", header, board.Rows.Select(r =>
        {
            var cells = new List<string>
            {
                E(r.Rank?.ToString(Numbers.Culture)), E(r.Mark),
                E(r.Method) + (r.Reference ? " <span class=\"status\">(reference, outside budget)</span>" : ""),
                E(r.AucA is double a ? Numbers.Fixed(a, 3) : Numbers.Missing), E(r.AucL is double l ? Numbers.Fixed(l, 3) : Numbers.Missing),
                E(r.AucFromMegabytes is double f ? $"{Numbers.Fixed(f)} – {Numbers.Fixed(r.AucToMegabytes!.Value)}" : Numbers.Missing),
            };
            if (claimed)
                cells.Add(claims!.Figures.TryGetValue(r.Method, out var pf) && (pf.AucA is not null || pf.AucL is not null)
                    ? $"{E(Opt(pf.AucA, 3))} / {E(Opt(pf.AucL, 3))}<br><span class=\"claim\">{E(pf.Source)}</span>" : E(Numbers.Missing));
            foreach (var (c, i) in r.Cells.Select((c, i) => (c, i)))
            {
                var link = page.Link(SiteLinks.Cell(p.Name, r.Method, board.Columns[i].Name));
                cells.Add(c is null ? E(Numbers.Missing) : A(link, Numbers.MeanStd(c.AverageIncrementalAccuracy)));
                cells.Add(c is null ? E(Numbers.Missing) : E(Numbers.MeanStd(c.LastAccuracy)));
            }
            cells.Add(A(page.Link(SiteLinks.Provenance(p.Name)) + "#" + SiteLinks.MethodAnchor(r.Method), "runs"));
            cells.Add(E(r.NotRanked));
            return new Row(cells, Class: r.Reference ? "reference" : r.NotRanked is null ? null : "problem")
            {
                Data = [("method", r.Method), ("rank", r.Rank?.ToString(Numbers.Culture) ?? ""), ("mark", r.Mark ?? ""),
                    ("auc-a", r.AucA is double x ? Numbers.RoundTrip(x) : ""), ("auc-l", r.AucL is double y ? Numbers.RoundTrip(y) : "")],
            };
        }));
    }

    private static void Point(SitePage page, ProtocolReport p, LadderPoint point, PublishedClaims? claims)
    {
        var records = p.Methods.Select(m => (Method: m, Record: m.Record(point.Name))).Where(x => x.Record is not null).ToList();
        // Marks among the usable, ranked-eligible cells, by AIA over seeds.
        var marked = records.Where(x => !x.Method.Reference && x.Record!.Usable && x.Record.Aggregate!.Head(x.Method.PrimaryHead) is not null)
            .OrderByDescending(x => Aia(x.Method, x.Record!.Aggregate!).Mean).ThenBy(x => x.Method.Name, StringComparer.Ordinal).ToList();
        var samples = marked.Select(x => x.Record!.Aggregate!.Runs.Select(r => r.Result.Summary[x.Method.PrimaryHead].AverageIncrementalAccuracy).ToList()).ToList();
        var letters = CompactLetters.Of(marked.Count, (i, j) => WelchTest.Separable(samples[i], samples[j]));
        var marks = marked.Select((x, i) => (x.Method.Name, letters[i])).ToDictionary();

        var ordered = records
            .OrderBy(x => x.Method.Reference).ThenBy(x => x.Record!.Aggregate is null)
            .ThenByDescending(x => x.Record!.Aggregate is { } a ? Aia(x.Method, a).Mean : 0).ThenBy(x => x.Method.Name, StringComparer.Ordinal);
        var rows = new List<Row>();
        foreach (var (m, r) in ordered)
        {
            var claim = claims is not null && claims.Figures.TryGetValue(m.Name, out var f) && f.Points.TryGetValue(point.Name, out var pp) ? (f.Source, pp) : default;
            var details = A(page.Link(SiteLinks.Cell(p.Name, m.Name, point.Name)), "details");
            var provenance = A(page.Link(SiteLinks.Provenance(p.Name)) + "#" + SiteLinks.CellAnchor(m.Name, point.Name), "runs");
            if (r!.Aggregate is { } a)
            {
                var status = r.Problems.Count == 0 ? "ok" : $"{r.Problems.Sum(x => x.Seeds.Count)} run(s) left out: " + Describe(r.Problems);
                rows.Add(NumbersRow(m, a, marks.GetValueOrDefault(m.Name) ?? "", status, claim, details, provenance, r.Problems.Count > 0));
            }
            foreach (var v in r.Variants)
                rows.Add(NumbersRow(m, v, "", "not averaged with the other seeds: " + Describe(r.Problems.Where(x => x.Kind == ProblemKind.Mismatch)), claim, details, provenance, true));
            foreach (var problem in r.Problems.Where(x => x.Kind != ProblemKind.Mismatch))
                rows.Add(new Row([
                    "", E(m.Name), E(string.Join(", ", problem.Seeds)), .. Enumerable.Repeat(E(Numbers.Missing), 9),
                    $"<span class=\"status\">{E(Leaderboard.Kind(problem.Kind).ToUpperInvariant())}</span>: {E(problem.Detail)}", details, provenance,
                ], Class: "problem") { Data = [("method", m.Name), ("budget", point.Name), ("status", Leaderboard.Kind(problem.Kind))] });
        }
        Table(page.Body, $"table-{SiteLinks.PointAnchor(point.Name)}",
            ["Mark", "Method", "Seeds", "AIA", "Last", "Forgetting", "Model (MB)", "Exemplars (MB)", "Exemplars", "Wall time (s)", "Train images", "Device", "Status", "Details", "Provenance"],
            rows);
    }

    private static Row NumbersRow(MethodReport m, CellAggregate a, string mark, string status, (string Source, PublishedPoint Point) claim,
        string details, string provenance, bool problem)
    {
        var head = a.Head(m.PrimaryHead) ?? a.Heads[0];
        var f = a.FinalMemory;
        string WithClaim(Stat s, double? claimed) =>
            E(Numbers.MeanStd(s)) + (claimed is double c ? $"<br><span class=\"claim\" title=\"{E(claim.Source)}\">claimed {E(Numbers.Fixed(c))}</span>" : "");
        return new Row([
            E(mark), E(m.Name) + (m.Reference ? " <span class=\"status\">(reference)</span>" : ""), E(a.Seeds.Count.ToString(Numbers.Culture)),
            WithClaim(head.AverageIncrementalAccuracy, claim.Point?.AverageIncrementalAccuracy), WithClaim(head.LastAccuracy, claim.Point?.LastAccuracy),
            E(Numbers.MeanStd(head.Forgetting)), E(Numbers.Megabytes(f.ModelBytes.Mean)), E(Numbers.Megabytes(f.ExemplarBytes.Mean)),
            E(Numbers.MeanStd(f.Exemplars, 0)), E(Numbers.MeanStd(a.WallSeconds, 1)),
            E(a.TrainImages is { } t ? Numbers.Fixed(t.Mean, 0) : Numbers.Missing), E(string.Join(", ", a.Devices)),
            problem ? $"<span class=\"status\">{E(status)}</span>" : E(status), details, provenance,
        ], Class: problem ? "problem" : m.Reference ? "reference" : null)
        {
            Data = [("method", m.Name), ("budget", a.Budget.Name), ("seeds", a.Seeds.Count.ToString(Numbers.Culture)),
                ("aia", Numbers.RoundTrip(head.AverageIncrementalAccuracy.Mean)), ("last", Numbers.RoundTrip(head.LastAccuracy.Mean)), ("status", problem ? "problem" : "ok")],
        };
    }

    private static void Claims(System.Text.StringBuilder html, ProtocolReport p, PublishedClaims claims)
    {
        var rows = new List<Row>();
        foreach (var (method, f) in claims.Figures.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var m = p.Method(method);
            var row = p.Leaderboard.Rows.FirstOrDefault(r => r.Method == method);
            void Add(string figure, string budget, double claimed, string reproduced) => rows.Add(new Row(
                [E(method), E(f.Source), E(figure), E(budget), E(Numbers.Fixed(claimed, figure.StartsWith("AUC") ? 3 : 2)), E(reproduced)]));
            if (f.AucA is double aa) Add("AUC-A", "ladder", aa, row?.AucA is double x ? Numbers.Fixed(x, 3) : Numbers.Missing);
            if (f.AucL is double al) Add("AUC-L", "ladder", al, row?.AucL is double y ? Numbers.Fixed(y, 3) : Numbers.Missing);
            foreach (var (budget, pp) in f.Points)
            {
                var head = m?.Cell(budget) is { } c ? c.Head(m.PrimaryHead) : null;
                if (pp.AverageIncrementalAccuracy is double aia) Add("AIA", budget, aia, head is null ? Numbers.Missing : Numbers.MeanStd(head.AverageIncrementalAccuracy));
                if (pp.LastAccuracy is double last) Add("Last", budget, last, head is null ? Numbers.Missing : Numbers.MeanStd(head.LastAccuracy));
            }
        }
        Table(html, "claims", ["Method", "Source", "Figure", "Budget point", "Claimed", "Reproduced (mean ± std over seeds)"], rows);
    }

    private static Stat Aia(MethodReport m, CellAggregate a) => (a.Head(m.PrimaryHead) ?? a.Heads[0]).AverageIncrementalAccuracy;

    private static string Opt(double? v, int decimals) => v is double x ? Numbers.Fixed(x, decimals) : Numbers.Missing;

    internal static string Describe(IEnumerable<CellProblem> problems) =>
        string.Join("; ", problems.Select(x => $"{Leaderboard.Kind(x.Kind)} ({(x.Seeds.Count == 1 ? "seed" : "seeds")} {string.Join(", ", x.Seeds)}): {x.Detail}"));

    internal static void Figure(SitePage page, List<ExportFile> files, string path, SvgDocument svg, string caption)
    {
        files.Add(new ExportFile(path, svg.ToFileText()));
        page.Body.AppendLine($"<figure>{svg.Element}<figcaption>{E(caption)} {A(page.Link(path), "SVG file")}</figcaption></figure>");
    }
}
