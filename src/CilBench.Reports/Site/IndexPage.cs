using CilBench.Reports.Aggregation;
using CilBench.Reports.Exporters;
using CilBench.Reports.Leaderboards;
using static CilBench.Reports.Site.Html;

namespace CilBench.Reports.Site;

/// <summary>index.html: every protocol with what its results hold, and how to read the pages.</summary>
internal static class IndexPage
{
    public static string Render(Report report)
    {
        var page = new SitePage("index.html", "CilBench leaderboards", []);
        var html = page.Body;
        html.AppendLine("<h1>CilBench leaderboards</h1>");
        html.AppendLine($"<p>From the result files in {string.Join(", ", report.ResultsDirectories.Select(Code))}.</p>");
        Table(html, "protocols",
            ["Protocol", "Dataset", "Policy", "Tasks", "Budget points", "Methods", "Runs averaged", "Failed", "Over budget", "Diverged", "Not averaged (fingerprints differ)", "Ranked by"],
            report.Protocols.Select(p => new Row([
                A(page.Link(SiteLinks.Protocol(p.Name)), p.Name), E(p.Dataset), E(p.Policy), E(p.Tasks.ToString(Numbers.Culture)),
                E(string.Join(", ", p.Budgets.Select(b => b.Name))), E(p.Methods.Count.ToString(Numbers.Culture)),
                Count(p.Records.Sum(r => r.Aggregate?.Seeds.Count ?? 0)),
                Count(Problems(p, ProblemKind.Failed)), Count(Problems(p, ProblemKind.OverBudget)), Count(Problems(p, ProblemKind.Diverged)),
                Count(p.Records.Sum(r => r.Variants.Sum(v => v.Seeds.Count))),
                E(p.Leaderboard.RankedBy switch { RankingBasis.AucA => "AUC-A", RankingBasis.AverageIncrementalAccuracy => $"AIA at {p.Leaderboard.RankingBudget}", _ => "not ranked" }),
            ]) { Data = [("protocol", p.Name)] }));
        html.AppendLine("<h2>How to read these pages</h2><ul>");
        foreach (var note in new[] { Notes.Accuracy, Notes.Auc, Notes.Marks, Notes.Status, Notes.Claims })
            html.AppendLine($"<li>{E(note)}</li>");
        html.AppendLine("</ul>");
        return page.Render();
    }

    private static int Problems(ProtocolReport p, ProblemKind kind) =>
        p.Records.Sum(r => r.Problems.Where(x => x.Kind == kind).Sum(x => x.Seeds.Count));

    private static string Count(int n) => E(n.ToString(Numbers.Culture));
}
