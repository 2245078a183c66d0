using CilBench.Reports.Aggregation;
using static CilBench.Reports.Site.Html;

namespace CilBench.Reports.Site;

/// <summary>
/// What produced every run of a protocol, one row each, anchored per method, cell and run: method version and plugin
/// hashes, harness build, device, libtorch, threads and the fingerprint; failure records with their message.
/// </summary>
internal static class ProvenancePage
{
    public static string Render(ProtocolReport p)
    {
        var page = new SitePage(SiteLinks.Provenance(p.Name), $"{p.Name}: provenance", [("Leaderboards", "index.html"), (p.Name, SiteLinks.Protocol(p.Name))]);
        var html = page.Body;
        html.AppendLine($"<h1>Provenance: {E(p.Name)}</h1>");
        html.AppendLine("<p>Runs of one cell are averaged only when their fingerprint groups (every component but the seed) agree. "
            + "Plugin closure: the plugin and every assembly it loads from beside it. Harness: the hash of the harness binaries and the git commit they were built from.</p>");
        foreach (var m in p.Methods)
        {
            html.AppendLine($"<h2 id=\"{SiteLinks.MethodAnchor(m.Name)}\">{E(m.Name)}</h2>");
            foreach (var r in m.Records)
            {
                var rows = r.AllRuns.Select(x => RunRow(m, r, x.Run, x.Status))
                    .Concat(r.Failures.Select(f => new Row([
                        E(f.Seed.ToString(Numbers.Culture)), "<span class=\"status\">failed</span>",
                        $"exit {E(f.Failure.ExitCode.ToString(Numbers.Culture))}: {E(f.Failure.Reason)}" + (f.Failure.Message is null ? "" : $"<br>{E(f.Failure.Message)}"),
                        .. Enumerable.Repeat(E(Numbers.Missing), 10),
                        $"{Code(f.Path)}<details><summary>stderr tail</summary><pre>{E(f.Failure.StderrTail)}</pre></details>",
                    ], Id: SiteLinks.RunAnchor(m.Name, r.Budget, f.Seed), Class: "problem") { Data = [("seed", f.Seed.ToString(Numbers.Culture)), ("status", "failed")] }))
                    .ToList();
                html.AppendLine($"<h3 id=\"{SiteLinks.CellAnchor(m.Name, r.Budget)}\">{E(m.Name)} at {E(r.Budget)}</h3>");
                Table(html, null,
                    ["Seed", "Status", "Method version", "Plugin DLL SHA-256", "Plugin closure SHA-256", "Harness", "Device", "libtorch", "Threads",
                        "Fingerprint (cell)", "Fingerprint (group)", "Audited / resumed", "Protocol SHA-256", "Result file"],
                    rows);
            }
        }
        return page.Render();
    }

    private static Row RunRow(MethodReport m, CellRecord r, LoadedRun run, string status)
    {
        var (res, e) = (run.Result, run.Evidence);
        return new Row([
            E(res.Seed.ToString(Numbers.Culture)), status == "averaged" ? E(status) : $"<span class=\"status\">{E(status)}</span>",
            E(res.Method.Version), Code(res.Method.Sha256), Code(e.PluginClosureSha256),
            $"{E(res.Provenance.HarnessVersion)}<br>{Code(e.HarnessSha256)}<br>commit {Code(e.GitCommit)}",
            E(res.Device), E(res.Provenance.LibtorchVersion), E(res.Provenance.Threads.ToString(Numbers.Culture)),
            Code(e.Cell), Code(e.Group),
            E($"{(e.Audited is bool a ? a ? "audited" : "not audited" : Numbers.Missing)}{(e.ResumedAtTask is int t ? $", resumed at task {t}" : "")}"),
            Code(res.Protocol.Sha256), Code(run.Path),
        ], Id: SiteLinks.RunAnchor(m.Name, r.Budget, res.Seed), Class: status == "averaged" ? null : "problem")
        {
            Data = [("seed", res.Seed.ToString(Numbers.Culture)), ("status", status), ("fingerprint", e.Cell ?? "")],
        };
    }
}
