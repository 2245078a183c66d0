using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using CilBench.Core.Protocols;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace CilBench.Cli.Commands;

/// <summary>`cilbench protocols show FILE [--json]`: the protocol as resolved, each task's classes in order.</summary>
internal static class ProtocolsCommand
{
    public static Command Create(IServiceProvider services)
    {
        var file = new Argument<string>("file") { Description = "Protocol JSON file" };
        var json = new Option<bool>("--json") { Description = "Print the resolved protocol as JSON" };
        var show = new Command("show", "Validate and print a protocol") { file, json };
        show.SetAction(parse =>
        {
            var protocol = services.GetRequiredService<ProtocolLoader>().Load(parse.GetValue(file)!);
            var resolved = Resolved(protocol);
            if (parse.GetValue(json))
            {
                Console.WriteLine(resolved.ToJsonString(new JsonSerializerOptions
                {
                    WriteIndented = true,
                    Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
                }));
                return 0;
            }
            AnsiConsole.MarkupLineInterpolated($"[bold]{protocol.Name}[/]: {protocol.Spec.Description}");
            AnsiConsole.WriteLine($"dataset {protocol.Spec.Dataset.Name}, {protocol.ClassOrder.Count} classes, {protocol.Tasks.Count} tasks, policy {protocol.Policy.Name()}, seeds {string.Join(", ", protocol.Spec.Seeds)}");
            var tasks = new Table().AddColumns("task", "classes");
            for (var t = 0; t < protocol.Tasks.Count; t++) tasks.AddRow(t.ToString(), string.Join(", ", protocol.Tasks[t]));
            AnsiConsole.Write(tasks);
            var points = new Table().AddColumns("budget point", "exemplars", "per class", "bytes", "backbones");
            foreach (var p in protocol.Points)
                points.AddRow(Markup.Escape(p.Name), p.TotalExemplars?.ToString() ?? Describe(p.ExemplarsByMethod), p.PerClass?.ToString() ?? "-",
                    p.Bytes?.ToString("N0") ?? "-", Markup.Escape(Describe(p.Backbones)));
            AnsiConsole.Write(points);
            return 0;
        });
        return new Command("protocols", "Protocols") { show };
    }

    private static string Describe<T>(IReadOnlyDictionary<string, T>? map) =>
        map is null ? "-" : string.Join(", ", map.Select(kv => $"{kv.Key}={kv.Value}"));

    private static JsonObject Resolved(Protocol p) => new()
    {
        ["name"] = p.Name,
        ["file"] = p.File,
        ["sha256"] = p.Sha256,
        ["description"] = p.Spec.Description,
        ["dataset"] = JsonSerializer.SerializeToNode(p.Spec.Dataset, ProtocolJsonView.Options),
        ["classOrder"] = new JsonArray(p.ClassOrder.Select(c => (JsonNode)c).ToArray()),
        ["tasks"] = new JsonArray(p.Tasks.Select((t, i) => (JsonNode)new JsonObject
        {
            ["task"] = i,
            ["classes"] = new JsonArray(t.Select(c => (JsonNode)c).ToArray()),
        }).ToArray()),
        ["augmentation"] = JsonSerializer.SerializeToNode(p.Spec.Augmentation, ProtocolJsonView.Options),
        ["memory"] = new JsonObject
        {
            ["policy"] = p.Policy.Name(),
            ["points"] = JsonSerializer.SerializeToNode(p.Points, ProtocolJsonView.Options),
        },
        ["recipe"] = p.Spec.Recipe is { } r ? JsonNode.Parse(r.GetRawText()) : null,
        ["methods"] = JsonSerializer.SerializeToNode(p.Spec.Methods, ProtocolJsonView.Options),
        ["seeds"] = new JsonArray(p.Spec.Seeds.Select(s => (JsonNode)s).ToArray()),
        ["evaluation"] = JsonSerializer.SerializeToNode(p.Spec.Evaluation, ProtocolJsonView.Options),
    };

    private static class ProtocolJsonView
    {
        public static readonly JsonSerializerOptions Options = new()
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
            Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        };
    }
}
