using System.Text.RegularExpressions;
using CilBench.Core.Protocols;
using CilBench.Reports.Site;

namespace CilBench.Reports.Tests;

public class SiteTests
{
    private static readonly PublishedClaims Claims = new("toy", "protocols/toy.json", "00", new Dictionary<string, PublishedFigures>
    {
        ["replay"] = new()
        {
            Source = "Synthetic et al. (2025), Table 1", AucA = 2.5,
            Points = new() { ["b1"] = new PublishedPoint { AverageIncrementalAccuracy = 72.5 } },
        },
    });

    /// <summary>Standard runs split over two directories (two machines), a failed cell and a diverged run.</summary>
    private static (SyntheticResults A, SyntheticResults B) TwoMachines()
    {
        var a = new SyntheticResults();
        var b = new SyntheticResults();
        for (var k = 0; k < 3; k++)
            for (var s = 0; s < 2; s++)
            {
                (s == 0 ? a : b).Add("replay", k, s, offset: 0, heads: ["cnn", "nme"]);
                (s == 0 ? a : b).Add("finetune", k, s, offset: -10, edit: k == 2 && s == 1 ? j => j["stages"]![2]!["nonFiniteScores"] = 3L : null);
            }
        a.AddFailure("memo", 1, 0, "exit status 1", "error: state grew past the budget");
        return (a, b);
    }

    [Fact]
    public void The_same_results_give_the_same_bytes()
    {
        var (a, b) = TwoMachines();
        using (a)
        using (b)
        {
            var first = LeaderboardSite.Render(ReportBuilder.Build([a.Root, b.Root]), [Claims]).ToList();
            var second = LeaderboardSite.Render(ReportBuilder.Build([a.Root, b.Root]), [Claims]).ToList();

            Assert.Equal(first.Select(f => f.RelativePath), second.Select(f => f.RelativePath));
            Assert.Equal(first.Select(f => f.Content), second.Select(f => f.Content));
            Assert.DoesNotContain(first, f => Regex.IsMatch(f.Content, @"20\d\d-\d\d-\d\dT"));
        }
    }

    [Fact]
    public void Pages_exist_for_every_protocol_cell_and_provenance_with_data_beside_them()
    {
        var (a, b) = TwoMachines();
        using (a)
        using (b)
        {
            var files = LeaderboardSite.Render(ReportBuilder.Build([a.Root, b.Root]), [Claims]).Select(f => f.RelativePath).ToHashSet();

            foreach (var f in new[]
                     {
                         "index.html", "style.css", "toy/index.html", "toy/provenance.html", "toy/aia-vs-memory.svg", "toy/replay/b1.html",
                         "toy/replay/b1-matrix.svg", "toy/replay/b1-memory.svg", "toy/finetune/b3.html", "toy/memo/b2.html",
                         "toy/leaderboard.csv", "toy/runs.csv", "toy/problems.csv", "toy/report.json",
                     })
                Assert.Contains(f, files);
        }
    }

    [Fact]
    public void Nothing_is_fetched_from_elsewhere()
    {
        var (a, b) = TwoMachines();
        using (a)
        using (b)
            foreach (var f in LeaderboardSite.Render(ReportBuilder.Build([a.Root, b.Root]), [Claims]))
            {
                // The SVG namespace is a name, not a fetch; any src, href, url() or @import to a scheme would be one.
                Assert.DoesNotMatch(@"(src|href)\s*=\s*""(https?:|//)|url\(|@import|<script", f.Content);
            }
    }

    [Fact]
    public void The_protocol_page_shows_every_method_the_failures_the_divergence_and_the_claims()
    {
        var (a, b) = TwoMachines();
        using (a)
        using (b)
        {
            var page = LeaderboardSite.Render(ReportBuilder.Build([a.Root, b.Root]), [Claims]).Single(f => f.RelativePath == "toy/index.html").Content;

            // replay at b1: AIA 70 and 72 over seeds 0 and 1, claimed 72.5 by its source.
            Assert.Contains("data-method=\"replay\" data-budget=\"b1\" data-seeds=\"2\" data-aia=\"71\"", page);
            Assert.Contains("claimed 72.50", page);
            Assert.Contains("Synthetic et al. (2025), Table 1", page);
            // finetune at b3: seed 1 diverged, so one seed is averaged and the other listed.
            Assert.Contains("data-method=\"finetune\" data-budget=\"b3\" data-seeds=\"1\" data-aia=\"70\"", page);
            Assert.Contains("diverged: 3 non-finite scores, the first at task 2", page);
            // memo has nothing but a failure: still a row.
            Assert.Contains("data-method=\"memo\" data-budget=\"b2\" data-status=\"failed\"", page);
            Assert.Contains("error: state grew past the budget", page);
            var auc = Regex.Match(page, "data-method=\"replay\" data-rank=\"1\" data-mark=\"a\" data-auc-a=\"([^\"]+)\"");
            Assert.Equal(2.305, double.Parse(auc.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 10);
        }
    }

    [Fact]
    public void Publishing_again_removes_only_the_files_it_no_longer_writes()
    {
        using var results = SyntheticResults.Standard();
        var site = Directory.CreateTempSubdirectory("cilbench-site-").FullName;
        try
        {
            var mine = Path.Combine(site, "notes.txt");
            File.WriteAllText(mine, "kept");
            LeaderboardSite.Publish(ReportBuilder.Build(results.Root), [], site);
            Assert.True(File.Exists(Path.Combine(site, "toy", "joint", "b3.html")));

            Directory.Delete(Path.Combine(results.Root, "toy", "joint"), recursive: true);
            var index = LeaderboardSite.Publish(ReportBuilder.Build(results.Root), [], site);

            Assert.Equal(Path.Combine(site, "index.html"), index);
            Assert.False(File.Exists(Path.Combine(site, "toy", "joint", "b3.html")));
            Assert.True(File.Exists(Path.Combine(site, "toy", "replay", "b3.html")));
            Assert.Equal("kept", File.ReadAllText(mine));
        }
        finally
        {
            Directory.Delete(site, recursive: true);
        }
    }
}
