using System.Text.RegularExpressions;

namespace CilBench.Cli.Tests;

/// <summary>
/// `sweep --executor slurm` and `sweep status` against stand-in sbatch, squeue and sacct on PATH: what is submitted,
/// what is recorded, how each cell is classified from the queue and accounting, and what a resubmission holds.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public partial class SlurmSubmissionTests : IDisposable
{
    private readonly TempDirectory dir = new();
    private readonly Dictionary<string, string> environment;

    public SlurmSubmissionTests()
    {
        var bin = Path.Combine(dir.Path, "bin");
        Directory.CreateDirectory(bin);
        // sbatch numbers jobs 42, 43, ... and keeps its arguments; squeue and sacct print what the test put in their files.
        Tool(bin, "sbatch", $"""
            echo "$@" >> '{dir.Path}/sbatch.calls'
            echo "$(( $(wc -l < '{dir.Path}/sbatch.calls') + 41 ));cluster"
            """);
        Tool(bin, "squeue", $"cat '{dir.Path}/squeue.out'");
        Tool(bin, "sacct", $"""
            if [ -e '{dir.Path}/sacct.fails' ]; then echo "Slurm accounting storage is disabled" >&2; exit 1; fi
            cat '{dir.Path}/sacct.out'
            """);
        environment = new() { ["PATH"] = $"{bin}:{Environment.GetEnvironmentVariable("PATH")}" };
        dir.File("p.json", TinyProtocols.FashionMnist(seeds: "[1, 2]"));
    }

    public void Dispose() => dir.Dispose();

    private static void Tool(string bin, string name, string body)
    {
        var path = Path.Combine(bin, name);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private Cilbench.Output Cli(params string[] arguments) => Cilbench.RunWith(environment, dir.Path, arguments);

    [GeneratedRegex(@"submitted (\d+) cell\(s\) as Slurm job (\d+): (\S+)")]
    private static partial Regex SubmittedLine();

    private static (int Cells, string JobId, string Script) Submitted(Cilbench.Output output)
    {
        Assert.True(output.ExitCode == 0, output.Stderr);
        var m = SubmittedLine().Match(output.Stdout);
        Assert.True(m.Success, output.Stdout);
        return (int.Parse(m.Groups[1].Value), m.Groups[2].Value, m.Groups[3].Value);
    }

    private static Dictionary<string, string> Status(Cilbench.Output output)
    {
        Assert.True(output.ExitCode == 0, output.Stderr);
        return output.Stdout.Split('\n').Where(l => l.Contains(" / seed ")).ToDictionary(l => l[..l.IndexOf(": ", StringComparison.Ordinal)], l => l[(l.IndexOf(": ", StringComparison.Ordinal) + 2)..]);
    }

    [Fact]
    public void CellsAreClassifiedFromTheQueueAndAccountingAndOnlyTheFailedOnesAreResubmitted()
    {
        var first = Submitted(Cli("sweep", "--protocol", "p.json", "--out", "res", "--methods", "finetune", "--executor", "slurm",
            "--partition", "debug", "--time", "00:10:00", "--array-limit", "1"));
        Assert.Equal((2, "42"), (first.Cells, first.JobId));
        Assert.Equal($"--parsable {first.Script}", File.ReadAllLines(Path.Combine(dir.Path, "sbatch.calls")).Single());
        Assert.Equal(Path.Combine(dir.Path, "res", ".slurm"), Path.GetDirectoryName(first.Script));
        Assert.Equal("finetune\tm100\t1\nfinetune\tm100\t2\n", File.ReadAllText(Path.ChangeExtension(first.Script, ".cells")));
        var second = Submitted(Cli("sweep", "--protocol", "p.json", "--out", "res", "--methods", "replay", "--seeds", "1", "--executor", "slurm"));
        Assert.Equal((1, "43"), (second.Cells, second.JobId));

        // 42_0 runs; 42_1 ran out of time; 43_0 was cancelled; replay seed 2 was never submitted. Other jobs and unexpanded ranges are not ours.
        dir.File("squeue.out", "42_0|RUNNING\n99_0|RUNNING\n43_[5-6]|PENDING\n");
        dir.File("sacct.out", "42_0|RUNNING\n42_1|TIMEOUT\n43_0|CANCELLED by 0\n");
        var status = Cli("sweep", "status", "--protocol", "p.json", "--out", "res", "--methods", "finetune,replay");
        var cells = Status(status);
        Assert.Equal("running (slurm 42_0 RUNNING)", cells["finetune / m100 / seed 1"]);
        Assert.StartsWith("failed (slurm 42_1 TIMEOUT; log ", cells["finetune / m100 / seed 2"]);
        Assert.StartsWith("failed (slurm 43_0 CANCELLED; log ", cells["replay / m100 / seed 1"]);
        Assert.Equal("pending (not run)", cells["replay / m100 / seed 2"]);
        Assert.Contains("fmnist-tiny: 4 cells: 0 done, 1 running, 0 queued, 1 pending, 2 failed", status.Stdout);
        // Without --methods the cells are those the submissions hold (finetune and replay, seeds 1 and 2).
        Assert.Equal(cells, Status(Cli("sweep", "status", "--protocol", "p.json", "--out", "res")));

        // Without accounting, a task that left the queue without a result has still failed.
        dir.File("sacct.fails", "");
        Assert.Equal("failed (slurm 42_1 left the queue without a result (no accounting to say why: sacct: Slurm accounting storage is disabled); log "
                     + Path.Combine(dir.Path, "res", ".slurm", "fmnist-tiny-42_1.out") + ")",
            Status(Cli("sweep", "status", "--protocol", "p.json", "--out", "res"))["finetune / m100 / seed 2"]);

        var again = Submitted(Cli("sweep", "status", "--protocol", "p.json", "--out", "res", "--resubmit-failed"));
        Assert.Equal((2, "44"), (again.Cells, again.JobId));
        Assert.Equal("finetune\tm100\t2\nreplay\tm100\t1\n", File.ReadAllText(Path.ChangeExtension(again.Script, ".cells")));
        // The latest submission's resources (replay's: none given) unless the resubmission gives its own.
        Assert.DoesNotContain("--partition", File.ReadAllText(again.Script));
        // A local attempt that failed is failed with its reason.
        Directory.CreateDirectory(Path.Combine(dir.Path, "res/fmnist-tiny/replay/m100"));
        dir.File("res/fmnist-tiny/replay/m100/seed-2.failed.json", $$"""
            { "cell": "replay / m100 / seed 2", "exitCode": 137, "reason": "killed (exit 137: out of memory or SIGKILL)", "stderrTail": "",
              "seconds": 3, "finishedUtc": "{{DateTime.UtcNow:O}}" }
            """);
        dir.File("squeue.out", "42_0|RUNNING\n44_1|PENDING\n");
        var now = Status(Cli("sweep", "status", "--protocol", "p.json", "--out", "res"));
        Assert.StartsWith("failed (slurm 44_0 left the queue", now["finetune / m100 / seed 2"]);
        Assert.Equal("queued (slurm 44_1 PENDING)", now["replay / m100 / seed 1"]);
        Assert.Equal("failed (killed (exit 137: out of memory or SIGKILL))", now["replay / m100 / seed 2"]);

        // Started, by sacct, before squeue lists it.
        File.Delete(Path.Combine(dir.Path, "sacct.fails"));
        dir.File("squeue.out", "");
        dir.File("sacct.out", "44_0|RUNNING\n44_1|COMPLETED\n");
        var started = Status(Cli("sweep", "status", "--protocol", "p.json", "--out", "res"));
        Assert.Equal("running (slurm 44_0 RUNNING)", started["finetune / m100 / seed 2"]);
        Assert.StartsWith("failed (slurm 44_1 COMPLETED without a result; log ", started["replay / m100 / seed 1"]);
    }

    [Fact]
    public void BackendSwitchesReachEveryArrayTaskAndStayWithAResubmission()
    {
        var first = Submitted(Cli("sweep", "--protocol", "p.json", "--out", "res", "--methods", "finetune", "--executor", "slurm", "--tf32"));
        Assert.EndsWith(" --tf32 true", File.ReadAllLines(first.Script).Single(l => l.StartsWith("exec ", StringComparison.Ordinal)));

        dir.File("squeue.out", "");
        dir.File("sacct.out", "42_0|TIMEOUT\n42_1|TIMEOUT\n");
        var again = Submitted(Cli("sweep", "status", "--protocol", "p.json", "--out", "res", "--resubmit-failed"));
        Assert.EndsWith(" --tf32 true", File.ReadAllLines(again.Script).Single(l => l.StartsWith("exec ", StringComparison.Ordinal)));
        // Given again, a switch replaces the submission's: these cells are then another setup.
        var other = Submitted(Cli("sweep", "status", "--protocol", "p.json", "--out", "res", "--resubmit-failed", "--tf32", "false"));
        Assert.EndsWith(" --tf32 false", File.ReadAllLines(other.Script).Single(l => l.StartsWith("exec ", StringComparison.Ordinal)));
    }

    [Fact]
    public void OptionsOfTheOtherExecutorAreRefused()
    {
        var local = Cli("sweep", "--protocol", "p.json", "--out", "res", "--partition", "gpu", "--dry-run");
        Assert.Equal((2, "error: --partition is for --executor slurm"), (local.ExitCode, local.Stderr.Trim()));
        var slurm = Cli("sweep", "--protocol", "p.json", "--out", "res", "--executor", "slurm", "--timeout", "5");
        Assert.Equal(2, slurm.ExitCode);
        Assert.StartsWith("error: --timeout is for the local executor", slurm.Stderr);
        Assert.False(File.Exists(Path.Combine(dir.Path, "sbatch.calls")));
    }

    [Theory]
    [InlineData("--time", "90", "--time '90' is not a time limit")]
    [InlineData("--array-limit", "0", "--array-limit must be positive, got 0")]
    [InlineData("--gpus-per-task", "-1", "--gpus-per-task must be positive, got -1")]
    [InlineData("--cpus-per-task", "0", "--cpus-per-task must be positive, got 0")]
    public void BadSlurmOptionsAreRefusedBeforeAnythingIsSubmitted(string option, string value, string message)
    {
        var output = Cli("sweep", "--protocol", "p.json", "--out", "res", "--methods", "finetune", "--executor", "slurm", option, value);

        Assert.Equal(2, output.ExitCode);
        Assert.StartsWith($"error: {message}", output.Stderr);
        Assert.False(File.Exists(Path.Combine(dir.Path, "sbatch.calls")));
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "res", ".slurm")));
    }
}
