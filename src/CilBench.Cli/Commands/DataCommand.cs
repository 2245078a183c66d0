using System.CommandLine;
using CilBench.Core.Data;
using Spectre.Console;

namespace CilBench.Cli.Commands;

/// <summary>`cilbench data fetch DATASET --to DIR`: downloads an official archive, checks its MD5, unpacks it.</summary>
internal static class DataCommand
{
    public static Command Create()
    {
        var dataset = new Argument<string>("dataset") { Description = $"One of: {string.Join(", ", DatasetArchive.Known.Select(a => a.Dataset))}" };
        var to = new Option<string>("--to") { Description = "Directory to unpack into", DefaultValueFactory = _ => DatasetCatalog.DataRoot };
        var url = new Option<string?>("--base-url") { Description = "Mirror to download from instead of the official site" };
        var fetch = new Command("fetch", "Download and unpack a dataset") { dataset, to, url };
        fetch.SetAction(async (parse, ct) =>
        {
            var archive = DatasetArchive.For(parse.GetValue(dataset)!);
            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(30) };
            var fetcher = new DatasetFetcher(http, parse.GetValue(url) is { } u ? new Uri(u) : null);
            FetchResult result = null!;
            await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new DownloadedColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
                .StartAsync(async ctx =>
                {
                    var task = ctx.AddTask(archive.FileName);
                    result = await fetcher.FetchAsync(archive, parse.GetValue(to)!, new Progress<FetchProgress>(p =>
                    {
                        if (p.BytesTotal is { } total) task.MaxValue = total;
                        task.Value = p.BytesDone;
                    }), ct);
                });
            Console.WriteLine(result.Downloaded ? $"unpacked {archive.Dataset} into {result.Path}" : $"{archive.Dataset} already present in {result.Path}");
            return 0;
        });
        return new Command("data", "Datasets") { fetch };
    }
}
