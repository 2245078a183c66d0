using System.Text.Json;
using CilBench.Abstractions;
using CilBench.Core.Results;
using CilBench.Core.Runner;

namespace CilBench.Cli.Rendering;

/// <summary>
/// Progress as one JSON object per line on stdout, for a parent `cilbench sweep` to read
/// (see <see cref="ProgressLine"/>). Log lines go to stderr.
/// </summary>
internal sealed class JsonLinesRunObserver : IRunObserver
{
    public IRunLog Log { get; } = new StderrLog();

    public void StageStarted(int task, int tasks, int classesSeen) =>
        Write(new ProgressLine { Event = "stage", Task = task, Tasks = tasks, Classes = classesSeen });

    public void Progress(int task, TrainingProgress p) =>
        Write(new ProgressLine { Event = "epoch", Task = task, Phase = p.Phase, Epoch = p.Epoch, Epochs = p.Epochs, Loss = p.Loss });

    public void StageFinished(StageResult stage) =>
        Write(new ProgressLine { Event = "stageDone", Task = stage.Task, Top1 = stage.Heads.First().Value.Top1 });

    private static void Write(ProgressLine line)
    {
        Console.Out.WriteLine(JsonSerializer.Serialize(line, ProgressLine.Options));
        Console.Out.Flush();
    }

    private sealed class StderrLog : IRunLog
    {
        public void Info(string message) => Console.Error.WriteLine(message);

        public void Warn(string message) => Console.Error.WriteLine($"warning: {message}");
    }
}

/// <summary>One progress line of a child run.</summary>
internal sealed record ProgressLine
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public required string Event { get; init; }
    public int Task { get; init; }
    public int? Tasks { get; init; }
    public int? Classes { get; init; }
    public string? Phase { get; init; }
    public int? Epoch { get; init; }
    public int? Epochs { get; init; }
    public double? Loss { get; init; }
    public double? Top1 { get; init; }

    public static ProgressLine? TryParse(string line)
    {
        if (!line.StartsWith('{')) return null;
        try
        {
            return JsonSerializer.Deserialize<ProgressLine>(line, Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
