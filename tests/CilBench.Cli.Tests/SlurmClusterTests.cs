using System.Diagnostics;
using System.Text.Json.Nodes;

namespace CilBench.Cli.Tests;

/// <summary>A fact that needs the one-node Slurm cluster (slurm-wlm, munge, root) and Fashion-MNIST; skipped with the reason otherwise.</summary>
public sealed class SlurmClusterFactAttribute : FactAttribute
{
    public SlurmClusterFactAttribute()
    {
        if (SlurmCluster.Unavailable is { } why) Skip = why;
        else if (!TinyProtocols.FashionMnistPresent) Skip = "Fashion-MNIST is not installed (scripts/setup.sh installs dataset-fashion-mnist)";
    }
}

/// <summary>
/// A sweep handed to a real Slurm (one node, started by the test): four cells as one job array, each cell's result
/// written by its array task; one task cancelled after its first checkpoint fails, and `--resubmit-failed` runs only
/// that cell again, resuming from the checkpoint.
/// </summary>
public class SlurmClusterTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    [SlurmClusterFact]
    public void AJobArraySweepRunsEveryCellAndACancelledTaskResumesWhenResubmitted()
    {
        using var cluster = new SlurmCluster();
        var env = cluster.ClientEnvironment;
        var dir = cluster.Path;
        File.WriteAllText(Path.Combine(dir, "p.json"), TinyProtocols.FashionMnist(seeds: "[1, 2]"));
        // A space in the results path: the #SBATCH --output line and the task's command must keep it whole.
        var results = Path.Combine(dir, "my results");
        string Result(string method, int seed) => Path.Combine(results, "fmnist-tiny", method, "m100", $"seed-{seed}.json");
        string[] Sweep(params string[] more) => ["sweep", "--protocol", "p.json", "--out", "my results", "--methods", "finetune,replay", .. more];

        var submit = Cilbench.RunWith(env, dir, Sweep("--executor", "slurm", "--cpus-per-task", "1", "--time", "00:10:00"));
        Assert.True(submit.ExitCode == 0, submit.Stderr + cluster.Logs());
        var job = JobId(submit.Stdout);

        // Cancel one array task while it trains: after its first checkpoint, before its result.
        var cells = new[] { ("finetune", 1), ("finetune", 2), ("replay", 1), ("replay", 2) };
        var clock = Stopwatch.StartNew();
        int victim;
        while (true)
        {
            victim = Array.FindIndex(cells, c => File.Exists(Path.Combine(Path.ChangeExtension(Result(c.Item1, c.Item2), ".checkpoint"), "last.safetensors"))
                                                 && !File.Exists(Result(c.Item1, c.Item2)));
            if (victim >= 0) break;
            Assert.True(clock.Elapsed < Limit, $"no array task reached its first checkpoint in {Limit}\n{cluster.Logs()}");
            Thread.Sleep(100);
        }
        var cancel = cluster.Client("scancel", $"{job}_{victim}");
        Assert.True(cancel.ExitCode == 0, cancel.Stderr);
        cluster.WaitUntilFinished(job, Limit);

        var (method, seed) = cells[victim];
        Assert.False(File.Exists(Result(method, seed)), $"{method} seed {seed} finished before it was cancelled: cancel sooner");
        foreach (var (m, s) in cells.Where((_, i) => i != victim)) Assert.True(File.Exists(Result(m, s)), $"no result for {m} seed {s}\n{Log(results, job)}");
        Assert.Contains("on fmnist-tiny, budget m100, seed 1,", File.ReadAllText(Path.Combine(results, ".slurm", $"fmnist-tiny-{job}_0.out")));
        var status = Cilbench.RunWith(env, dir, "sweep", "status", "--protocol", "p.json", "--out", "my results");
        Assert.True(status.ExitCode == 0, status.Stderr);
        Assert.Contains("fmnist-tiny: 4 cells: 3 done, 0 running, 0 queued, 0 pending, 1 failed", status.Stdout);
        Assert.Contains($"{method} / m100 / seed {seed}: failed (slurm {job}_{victim} left the queue without a result", status.Stdout);

        // The results alone (copied without the submission records) say the cell is interrupted, with a checkpoint to resume from.
        Folders.Copy(Path.Combine(results, "fmnist-tiny"), Path.Combine(dir, "copy", "fmnist-tiny"));
        var copied = Cilbench.Run(dir, "sweep", "status", "--protocol", "p.json", "--out", "copy", "--methods", "finetune,replay", "--seeds", "1,2");
        Assert.Contains($"{method} / m100 / seed {seed}: pending (interrupted; resumes from its checkpoint)", copied.Stdout);
        Assert.Contains("fmnist-tiny: 4 cells: 3 done, 0 running, 0 queued, 1 pending, 0 failed", copied.Stdout);

        var resubmit = Cilbench.RunWith(env, dir, "sweep", "status", "--protocol", "p.json", "--out", "my results", "--resubmit-failed");
        Assert.True(resubmit.ExitCode == 0, resubmit.Stderr);
        var again = JobId(resubmit.Stdout);
        Assert.Contains("submitted 1 cell(s)", resubmit.Stdout);
        cluster.WaitUntilFinished(again, Limit);

        Assert.True(File.Exists(Result(method, seed)), Log(results, again));
        Assert.True(JsonNode.Parse(File.ReadAllText(Result(method, seed)))!["resumedAtTask"]!.GetValue<int>() >= 1);
        var done = Cilbench.RunWith(env, dir, "sweep", "status", "--protocol", "p.json", "--out", "my results");
        Assert.Contains("fmnist-tiny: 4 cells: 4 done, 0 running, 0 queued, 0 pending, 0 failed", done.Stdout);
        // A local sweep over the same cells finds nothing left to do: both executors share the plan and the done check.
        var local = Cilbench.Run(dir, Sweep("--dry-run"));
        Assert.Contains("4 cells, 4 already done, 0 to run", local.Stdout);

        cluster.Dispose();
        Assert.Empty(cluster.ProcessesOfThisCluster());
    }

    private static string JobId(string stdout)
    {
        var m = System.Text.RegularExpressions.Regex.Match(stdout, @"as Slurm job (\d+)");
        Assert.True(m.Success, stdout);
        return m.Groups[1].Value;
    }

    private static string Log(string results, string job) =>
        string.Join('\n', Directory.EnumerateFiles(Path.Combine(results, ".slurm"), $"*-{job}_*.out").Select(f => $"--- {f}\n{File.ReadAllText(f)}"));
}
