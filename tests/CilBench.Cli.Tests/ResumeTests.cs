using System.Text.Json.Nodes;

namespace CilBench.Cli.Tests;

/// <summary>
/// A real plugin (iCaRL: herding, a distillation teacher, NME means in its state) on tiny Split Fashion-MNIST, one
/// thread: the same cell run twice gives the same result, and a run killed with SIGKILL during task 2 and resumed
/// ends with the uninterrupted run's result, timings aside.
/// </summary>
public class ResumeTests : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    private string ResultPath(string output) => Path.Combine(dir.Path, output, "fmnist-tiny", "icarl", "m100", "seed-1993.json");

    private string[] RunArguments(string output) => ["run", "--protocol", "p.json", "--method", "ICaRL", "--out", output, "--progress", "json"];

    // The result without what differs between equal runs: wall times, the command line, where it resumed.
    private static string Comparable(string path)
    {
        var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        foreach (var stage in json["stages"]!.AsArray()) stage!.AsObject().Remove("seconds");
        var provenance = json["provenance"]!.AsObject();
        foreach (var key in new[] { "startedUtc", "finishedUtc", "wallSeconds", "commandLine" }) provenance.Remove(key);
        json.Remove("resumedAtTask");
        return json.ToJsonString();
    }

    [FashionMnistFact]
    public void KilledDuringTaskTwoAndResumedEqualsAnUninterruptedRun()
    {
        dir.File("p.json", TinyProtocols.FashionMnist());
        var first = Cilbench.Run(dir.Path, RunArguments("a"));
        Assert.True(first.ExitCode == 0, first.Stderr);
        // The method name is matched ignoring case; the result uses the canonical one.
        Assert.True(File.Exists(ResultPath("a")));

        var second = Cilbench.Run(dir.Path, RunArguments("b"));
        Assert.Equal(0, second.ExitCode);
        Assert.Equal(Comparable(ResultPath("a")), Comparable(ResultPath("b")));

        using (var killed = Cilbench.Start(dir.Path, RunArguments("c")))
        {
            killed.ErrorDataReceived += (_, _) => { };
            killed.BeginErrorReadLine();
            string? line;
            while ((line = killed.StandardOutput.ReadLine()) is not null && !line.Contains("\"event\":\"stage\",\"task\":2")) { }
            Assert.NotNull(line);
            killed.Kill(); // SIGKILL: no handler runs, as when a node dies or the OOM killer strikes
            killed.WaitForExit();
        }
        Assert.False(File.Exists(ResultPath("c")));
        Assert.True(File.Exists(Path.Combine(Path.ChangeExtension(ResultPath("c"), ".checkpoint"), "last.safetensors")));

        // Backend switches from the command line are part of the setup: a checkpoint made without them is not resumed with them.
        var other = Cilbench.Run(dir.Path, [.. RunArguments("c"), "--resume", "--tf32"]);
        Assert.Equal(2, other.ExitCode);
        Assert.Contains("was made by another setup of this cell (backends: {\"cudnnBenchmark\":false,\"deterministic\":false,\"tf32\":true} here", other.Stderr);

        var resumed = Cilbench.Run(dir.Path, [.. RunArguments("c"), "--resume"]);

        Assert.True(resumed.ExitCode == 0, resumed.Stderr);
        Assert.Contains("resumed from", resumed.Stderr);
        Assert.Equal(2, JsonNode.Parse(File.ReadAllText(ResultPath("c")))!["resumedAtTask"]!.GetValue<int>());
        Assert.Equal(Comparable(ResultPath("a")), Comparable(ResultPath("c")));
    }
}
