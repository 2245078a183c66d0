using System.Text.Json.Nodes;

namespace CilBench.Cli.Tests;

/// <summary>What a sweep hands each child `cilbench run`, and what it does with a cell's stale files.</summary>
public class SweepChildrenTests : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    // "cell: command", one line per pending cell.
    private static Dictionary<string, string[]> Commands(Cilbench.Output output) =>
        output.Stdout.Split('\n')
            .Where(l => l.Contains($": {Cilbench.Executable} run "))
            .ToDictionary(l => l[..l.IndexOf(": ", StringComparison.Ordinal)], l => l[(l.IndexOf(": ", StringComparison.Ordinal) + 2)..].Split(' '));

    [Fact]
    public void EveryChildGetsItsCellThreadsResumeAndAbsolutePaths()
    {
        var protocol = dir.File("p.json", TinyProtocols.FashionMnist(seeds: "[1, 2]"));

        var output = Cilbench.Run(dir.Path, "sweep", "--protocol", "p.json", "--methods", "ICaRL,replay", "--out", "res", "--jobs", "2", "--dry-run");

        Assert.Equal(0, output.ExitCode);
        var commands = Commands(output);
        Assert.Equal(["icarl / m100 / seed 1", "icarl / m100 / seed 2", "replay / m100 / seed 1", "replay / m100 / seed 2"], commands.Keys.Order());
        var child = commands["icarl / m100 / seed 2"];
        Assert.Equal(Path.Combine(Cilbench.Directory, "cilbench"), child[0]);
        Assert.Equal(
            ["run", "--protocol", protocol, "--method", "icarl", "--budget", "m100", "--seed", "2", "--device", "cpu",
             "--out", Path.Combine(dir.Path, "res"), "--threads", "1", "--resume", "--progress", "json"],
            child[1..]);
    }

    [Fact]
    public void LocalWorkersTakeTheDevicesInTurn()
    {
        dir.File("p.json", TinyProtocols.FashionMnist(seeds: "[1, 2, 3]"));

        // Three workers on two GPUs: worker 2 shares cuda:0 with worker 0.
        var output = Cilbench.Run(dir.Path, "sweep", "--protocol", "p.json", "--methods", "icarl", "--out", "res", "--jobs", "3", "--devices", "cuda:0,cuda:1", "--dry-run");

        Assert.True(output.ExitCode == 0, output.Stderr);
        var commands = Commands(output);
        string Device(int seed) => commands[$"icarl / m100 / seed {seed}"].SkipWhile(a => a != "--device").ElementAt(1);
        Assert.Equal(["cuda:0", "cuda:1", "cuda:0"], new[] { 1, 2, 3 }.Select(Device));
        Assert.Equal(2, Cilbench.Run(dir.Path, "sweep", "--protocol", "p.json", "--out", "res", "--devices", "cuda:0,cuda:0", "--dry-run").ExitCode);
    }

    [Fact]
    public void AResultFromAnotherSetupIsMovedAsideNotDeletedAndTheCellRunsAgain()
    {
        dir.File("p.json", TinyProtocols.FashionMnist());
        var cell = Path.Combine(dir.Path, "res", "fmnist-tiny", "icarl", "m100");
        Directory.CreateDirectory(cell);
        // An old-format result: it cannot carry today's fingerprint.
        var stale = JsonNode.Parse("""{ "format": "cilbench-result/1", "seed": 1993 }""")!.ToJsonString();
        File.WriteAllText(Path.Combine(cell, "seed-1993.json"), stale);

        var output = Cilbench.Run(dir.Path, "sweep", "--protocol", "p.json", "--methods", "icarl", "--out", "res", "--dry-run");

        Assert.Equal(0, output.ExitCode);
        Assert.Contains("made by another setup", output.Stdout);
        Assert.Single(Commands(output));
        Assert.False(File.Exists(Path.Combine(cell, "seed-1993.json")));
        Assert.Equal(stale, File.ReadAllText(Path.Combine(cell, "seed-1993.stale-1.json")));
    }
}
