using System.Globalization;
using System.Text.Json.Nodes;
using CilBench.Reports.Site;

namespace CilBench.Reports.Tests.Browser;

/// <summary>
/// The published site as a reader's browser shows it: Debian's chromium, headless, opens the pages from file://. They
/// fetch nothing from the network, draw something, and hold every method's row with the numbers in the result files
/// (worked out here from the files themselves, not from the report).
/// </summary>
[Collection("browser")]
public class SiteInBrowserTests
{
    [ChromiumFact]
    public async Task The_site_fetches_nothing_draws_and_shows_the_result_files_numbers()
    {
        var (a, b) = (new SyntheticResults(), new SyntheticResults());
        var site = Directory.CreateTempSubdirectory("cilbench-site-").FullName;
        try
        {
            for (var k = 0; k < 3; k++)
                for (var s = 0; s < 2; s++)
                {
                    (s == 0 ? a : b).Add("replay", k, s, offset: 0, heads: ["cnn", "nme"]);
                    (s == 0 ? a : b).Add("finetune", k, s, offset: -10);
                }
            b.Add("joint", 2, 0, offset: 5, reference: true);
            a.AddFailure("memo", 1, 0, "exit status 1", "error: state grew past the budget");
            var index = LeaderboardSite.Publish(ReportBuilder.Build([a.Root, b.Root]), [], site);

            await using var chromium = await HeadlessChromium.Start();
            foreach (var page in new[] { index, Path.Combine(site, "toy", "index.html"), Path.Combine(site, "toy", "replay", "b2.html"), Path.Combine(site, "toy", "provenance.html") })
            {
                await chromium.Open(page);
                Assert.NotEmpty(chromium.Requests);
                Assert.All(chromium.Requests, url => Assert.StartsWith("file://", url));
            }

            await chromium.Open(Path.Combine(site, "toy", "index.html"));
            var shot = PngImage.Decode(await chromium.Screenshot());
            Assert.True(shot.InkedShare() is > 0.02 and < 0.95, $"inked share {shot.InkedShare():F3}");
            Assert.True(shot.Colours() > 20, $"{shot.Colours()} colours");

            var rows = (await chromium.Evaluate(
                "JSON.stringify([...document.querySelectorAll('tr[data-method]')].map(r => [r.closest('table').id, r.dataset.method, r.dataset.budget || '', r.innerText]))"))!
                .GetValue<string>();
            var table = JsonNode.Parse(rows)!.AsArray().Select(r => (Table: (string)r![0]!, Method: (string)r[1]!, Budget: (string)r[2]!, Text: (string)r[3]!)).ToList();

            Assert.Equal(["replay", "finetune", "memo", "joint"], table.Where(r => r.Table == "leaderboard").Select(r => r.Method));
            foreach (var (method, budget, files) in ResultFiles(a.Root, b.Root))
            {
                var row = Assert.Single(table, r => r.Table == $"table-point-{budget}" && r.Method == method && r.Budget == budget);
                var aia = files.Select(f => (double)f["summary"]!["cnn"]!["averageIncrementalAccuracy"]!).ToList();
                var last = files.Select(f => (double)f["summary"]!["cnn"]!["lastAccuracy"]!).ToList();
                Assert.Contains(MeanStd(aia), row.Text);
                Assert.Contains(MeanStd(last), row.Text);
                Assert.Contains(files.Count.ToString(CultureInfo.InvariantCulture), row.Text);
            }
            Assert.Contains("error: state grew past the budget", Assert.Single(table, r => r.Method == "memo" && r.Budget == "b2").Text);
        }
        finally
        {
            a.Dispose();
            b.Dispose();
            Directory.Delete(site, recursive: true);
        }
    }

    /// <summary>The result files of every (method, budget) cell under the directories, read as plain JSON.</summary>
    private static IEnumerable<(string Method, string Budget, List<JsonNode> Files)> ResultFiles(params string[] roots) =>
        roots.SelectMany(r => Directory.EnumerateFiles(r, "seed-*.json", SearchOption.AllDirectories))
            .Where(f => !f.EndsWith(".failed.json", StringComparison.Ordinal))
            .Select(f => JsonNode.Parse(File.ReadAllText(f))!)
            .GroupBy(j => ((string)j["method"]!["name"]!, (string)j["budget"]!["name"]!))
            .Select(g => (g.Key.Item1, g.Key.Item2, g.ToList()));

    // Mean and sample standard deviation (n - 1), two decimals: "71.00 ± 1.41"; one value has no ±.
    private static string MeanStd(List<double> xs)
    {
        var mean = xs.Sum() / xs.Count;
        var text = mean.ToString("F2", CultureInfo.InvariantCulture);
        if (xs.Count == 1) return text;
        var std = Math.Sqrt(xs.Sum(x => (x - mean) * (x - mean)) / (xs.Count - 1));
        return $"{text} ± {std.ToString("F2", CultureInfo.InvariantCulture)}";
    }
}
