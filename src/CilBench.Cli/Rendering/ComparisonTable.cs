using CilBench.Core.Results;
using Spectre.Console;

namespace CilBench.Cli.Rendering;

/// <summary>The table a sweep ends with: one row per method and budget point, primary head, mean over seeds.</summary>
internal static class ComparisonTable
{
    public static void Write(string resultsDir, string protocol)
    {
        var dir = Path.Combine(resultsDir, protocol);
        if (!Directory.Exists(dir)) return;
        var results = Directory.EnumerateFiles(dir, "seed-*.json", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".failed.json", StringComparison.Ordinal))
            .Select(ResultJson.Read)
            .ToList();
        var table = new Table().Title($"{protocol}: average incremental / last accuracy (%), primary head")
            .AddColumns("method", "budget", "seeds", "head", "avg inc. acc", "last acc", "forgetting", "model MB", "exemplars", "minutes");
        foreach (var g in results.GroupBy(r => (r.Method.Name, r.Budget.Name)).OrderByDescending(g => g.Average(Primary)))
        {
            var first = g.First();
            var head = first.Summary.Keys.First();
            var last = first.Stages[^1].Memory;
            table.AddRow(
                Markup.Escape(g.Key.Item1 + (first.Method.Reference ? " (reference)" : "")), Markup.Escape(g.Key.Item2), g.Count().ToString(), head,
                $"{g.Average(Primary):F2}", $"{g.Average(r => r.Summary[head].LastAccuracy):F2}",
                $"{g.Average(r => r.Summary[head].Forgetting):F2}", $"{(last.ParameterBytes + last.BufferBytes) / 1048576.0:F2}",
                last.Exemplars.ToString(), $"{g.Average(r => r.Provenance.WallSeconds) / 60:F1}");
        }
        AnsiConsole.Write(table);
    }

    private static double Primary(RunResult r) => r.Summary.First().Value.AverageIncrementalAccuracy;
}
