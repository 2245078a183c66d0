using System.Text;

namespace CilBench.Reports.Site;

/// <summary>
/// One page of the site: a full HTML document whose links are relative (so it works from file:// and any static host),
/// with the shared stylesheet and a breadcrumb. Nothing is fetched from elsewhere and nothing varies between runs.
/// </summary>
internal sealed class SitePage(string path, string title, IReadOnlyList<(string Text, string Href)> trail)
{
    private readonly StringBuilder body = new();

    /// <summary>The page's path relative to the site root ('/' separated).</summary>
    public string Path { get; } = path;

    public StringBuilder Body => body;

    /// <summary>A path relative to the site root, as a link from this page.</summary>
    public string Link(string target)
    {
        var depth = Path.Count(c => c == '/');
        return string.Concat(Enumerable.Repeat("../", depth)) + target;
    }

    public string Render()
    {
        var html = new StringBuilder();
        html.AppendLine("<!DOCTYPE html>");
        html.AppendLine("<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        html.AppendLine($"<title>{Html.E(title)}</title><link rel=\"stylesheet\" href=\"{Html.E(Link(LeaderboardSite.StyleSheet))}\"></head><body>");
        html.Append("<nav aria-label=\"breadcrumb\">");
        html.Append(string.Join(" / ", trail.Select(t => Html.A(Link(t.Href), t.Text)).Append(Html.E(title))));
        html.AppendLine("</nav><main>");
        html.Append(body);
        html.AppendLine("</main><footer>Written by <code>cilbench leaderboard publish</code> from result files only; every number links to the run that produced it.</footer>");
        html.AppendLine("</body></html>");
        return html.ToString();
    }
}
