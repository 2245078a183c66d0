using CilBench.Reports.Aggregation;
using CsvHelper;

namespace CilBench.Reports.Exporters;

/// <summary>
/// CSV files for analysis elsewhere (pandas, R, a spreadsheet); numbers in full precision, invariant culture,
/// percentages for accuracies and bytes for memory. runs.csv: one row per run (cell and seed, averaged or not, with its status) and head.
/// summary.csv: one row per protocol, method, budget point and head, mean and std over seeds. stages.csv: one row per
/// stage of those, the averaged curves. auc.csv: one row per method and head with an AUC. leaderboard.csv: one row per
/// leaderboard row and budget point. problems.csv: every run left out of an average, and why.
/// </summary>
public sealed class CsvExporter : ExporterBase
{
    public static readonly CsvExporter Default = new();

    private CsvExporter() { }

    public override string Name => "csv";

    public override IEnumerable<ExportFile> Render(Report report)
    {
        var cells = (from p in report.Protocols from m in p.Methods from c in m.Cells select c).ToList();

        yield return new ExportFile("runs.csv", Rows(
                from p in report.Protocols
                from rec in p.Records
                from x in rec.AllRuns
                from h in x.Run.Result.Summary
                select (Run: x.Run, Result: x.Run.Result, x.Status, Head: h.Key, Summary: h.Value, Memory: x.Run.Result.Stages[^1].Memory))
            .Column("protocol", x => x.Result.Protocol.Name).Column("method", x => x.Result.Method.Name).Column("reference", x => x.Result.Method.Reference)
            .Column("budget", x => x.Result.Budget.Name).Column("policy", x => x.Result.Budget.Policy).Column("budget_bytes", x => x.Result.Budget.Bytes)
            .Column("seed", x => x.Result.Seed).Column("status", x => x.Status).Column("head", x => x.Head)
            .Column("aia", x => x.Summary.AverageIncrementalAccuracy).Column("last", x => x.Summary.LastAccuracy)
            .Column("forgetting", x => x.Summary.Forgetting).Column("bwt", x => x.Summary.Bwt)
            .Column("task_aware_aia", x => x.Summary.AverageTaskAware)
            .Column("model_bytes", x => x.Memory.ParameterBytes + x.Memory.BufferBytes + x.Memory.InfoBytes).Column("exemplar_bytes", x => x.Memory.ExemplarBytes)
            .Column("total_bytes", x => x.Memory.TotalBytes).Column("exemplars", x => x.Memory.Exemplars)
            .Column("wall_seconds", x => x.Result.Provenance.WallSeconds).Column("train_images", x => x.Run.Evidence.TotalTrainImages)
            .Column("device", x => x.Result.Device).Column("threads", x => x.Result.Provenance.Threads)
            .Column("fingerprint_group", x => x.Run.Evidence.Group).Column("fingerprint_cell", x => x.Run.Evidence.Cell)
            .Column("file", x => x.Run.Path)
            .ToCsv());

        yield return new ExportFile("summary.csv", Rows(from c in cells from h in c.Heads select (Cell: c, Head: h))
            .Column("protocol", x => x.Cell.Protocol).Column("method", x => x.Cell.Method).Column("reference", x => x.Cell.Reference)
            .Column("budget", x => x.Cell.Budget.Name).Column("policy", x => x.Cell.Budget.Policy).Column("budget_bytes", x => x.Cell.Budget.Bytes)
            .Column("memory_mb", x => x.Cell.MemoryMegabytes).Column("memory_source", x => x.Cell.MemorySource)
            .Column("seeds", x => x.Cell.Seeds.Count).Column("head", x => x.Head.Head)
            .Stat("aia", x => x.Head.AverageIncrementalAccuracy).Stat("last", x => x.Head.LastAccuracy)
            .Stat("forgetting", x => x.Head.Forgetting).Stat("bwt", x => x.Head.Bwt).Stat("task_aware_aia", x => x.Head.AverageTaskAware)
            .Stat("model_bytes", x => x.Cell.FinalMemory.ModelBytes).Stat("exemplar_bytes", x => x.Cell.FinalMemory.ExemplarBytes)
            .Stat("total_bytes", x => x.Cell.FinalMemory.TotalBytes).Stat("exemplars", x => x.Cell.FinalMemory.Exemplars)
            .Stat("wall_seconds", x => x.Cell.WallSeconds)
            .ToCsv());

        yield return new ExportFile("stages.csv", Rows(
                from c in cells
                from h in c.Heads
                from i in Enumerable.Range(0, c.Stages.Count)
                select (Cell: c, Head: h, Stage: c.Stages[i], Top1: h.Top1Curve[i]))
            .Column("protocol", x => x.Cell.Protocol).Column("method", x => x.Cell.Method).Column("budget", x => x.Cell.Budget.Name)
            .Column("head", x => x.Head.Head).Column("task", x => x.Stage.Task).Column("classes_seen", x => x.Stage.ClassesSeen)
            .Stat("top1", x => x.Top1)
            .Stat("model_bytes", x => x.Stage.Memory.ModelBytes).Stat("exemplar_bytes", x => x.Stage.Memory.ExemplarBytes)
            .Stat("total_bytes", x => x.Stage.Memory.TotalBytes).Stat("exemplars", x => x.Stage.Memory.Exemplars)
            .ToCsv());

        yield return new ExportFile("auc.csv", Rows(from p in report.Protocols from m in p.Methods from a in m.Auc select (Protocol: p.Name, Method: m, Auc: a))
            .Column("protocol", x => x.Protocol).Column("method", x => x.Method.Name).Column("reference", x => x.Method.Reference)
            .Column("head", x => x.Auc.Head).Column("auc_a", x => x.Auc.AucA).Column("auc_l", x => x.Auc.AucL)
            .Column("from_mb", x => x.Auc.FromMegabytes).Column("to_mb", x => x.Auc.ToMegabytes).Column("points", x => x.Auc.Points)
            .ToCsv());

        yield return new ExportFile("leaderboard.csv", Rows(
                from p in report.Protocols
                from r in p.Leaderboard.Rows
                from i in Enumerable.Range(0, p.Leaderboard.Columns.Count)
                select (Protocol: p, Row: r, Point: p.Leaderboard.Columns[i], Cell: r.Cells[i]))
            .Column("protocol", x => x.Protocol.Name).Column("ranked_by", x => x.Protocol.Leaderboard.RankedBy)
            .Column("rank", x => x.Row.Rank).Column("mark", x => x.Row.Mark).Column("method", x => x.Row.Method)
            .Column("reference", x => x.Row.Reference).Column("head", x => x.Row.Head)
            .Column("auc_a", x => x.Row.AucA).Column("auc_l", x => x.Row.AucL)
            .Column("auc_from_mb", x => x.Row.AucFromMegabytes).Column("auc_to_mb", x => x.Row.AucToMegabytes)
            .Column("budget", x => x.Point.Name).Column("memory_mb", x => x.Point.Megabytes).Column("seeds", x => x.Cell?.Seeds)
            .Column("aia_mean", x => x.Cell?.AverageIncrementalAccuracy.Mean).Column("aia_std", x => x.Cell?.AverageIncrementalAccuracy.Std)
            .Column("last_mean", x => x.Cell?.LastAccuracy.Mean).Column("last_std", x => x.Cell?.LastAccuracy.Std)
            .Column("not_ranked", x => x.Row.NotRanked)
            .ToCsv());

        yield return new ExportFile("problems.csv", Rows(from p in report.Protocols from rec in p.Records from pr in rec.Problems select (Protocol: p.Name, Record: rec, Problem: pr))
            .Column("protocol", x => x.Protocol).Column("method", x => x.Record.Method).Column("budget", x => x.Record.Budget)
            .Column("kind", x => x.Problem.Kind).Column("seeds", x => string.Join(" ", x.Problem.Seeds))
            .Column("detail", x => x.Problem.Detail).Column("files", x => string.Join(" ", x.Problem.Files))
            .ToCsv());
    }

    private static Table<T> Rows<T>(IEnumerable<T> rows) => new(rows);

    /// <summary>Rows and named columns, written with CsvHelper (quoting, RFC 4180 line ends).</summary>
    private sealed class Table<T>(IEnumerable<T> rows)
    {
        private readonly List<(string Header, Func<T, object?> Value)> columns = [];

        public Table<T> Column(string header, Func<T, object?> value)
        {
            columns.Add((header, value));
            return this;
        }

        /// <summary>name_mean and name_std; the std is empty for a single seed.</summary>
        public Table<T> Stat(string name, Func<T, Stat> pick) => Column(name + "_mean", x => pick(x).Mean).Column(name + "_std", x => pick(x).Std);

        public string ToCsv()
        {
            using var text = new StringWriter();
            using (var csv = CsvWriter.Create(text, CsvWriterOptions.Default, leaveOpen: true))
            {
                csv.WriteHeader(columns.Select(c => c.Header).ToArray());
                foreach (var row in rows) csv.WriteRecord(columns.Select(c => Field(c.Value(row))).ToArray());
                csv.Flush();
            }
            return text.ToString();
        }

        // Formatted here, not by the writer, so every number is round-trip and culture-free whatever the options.
        private static string Field(object? value) => value switch
        {
            null => "",
            double d => Numbers.RoundTrip(d),
            bool b => b ? "true" : "false",
            IFormattable f => f.ToString(null, Numbers.Culture),
            _ => value.ToString() ?? "",
        };
    }
}
