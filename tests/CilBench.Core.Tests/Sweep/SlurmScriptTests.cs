using System.Diagnostics;
using CilBench.Core.Sweep;
using CilBench.Core.Sweep.Slurm;
using CilBench.Core.Tests.Data;

namespace CilBench.Core.Tests.Sweep;

/// <summary>
/// The job-array script: its #SBATCH lines, and what each array task executes, found by running the script with bash
/// (SLURM_ARRAY_TASK_ID set, as Slurm does) against a stand-in executable that prints its arguments one per line.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public class SlurmScriptTests : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    private static readonly SweepCell[] Cells =
    [
        new("icarl", "m100", 1, "/r/icarl/m100/seed-1.json"),
        new("icarl", "m200", 2, "/r/icarl/m200/seed-2.json"),
        new("wa", "m100", 1993, "/r/wa/m100/seed-1993.json"),
    ];

    private static string[] Directives(string script) => script.Split('\n').Where(l => l.StartsWith("#SBATCH", StringComparison.Ordinal)).ToArray();

    [Fact]
    public void EveryOptionIsOneSbatchLineAndTheArrayHasOneTaskPerCellWithItsLimit()
    {
        var command = new ChildCommand("/opt/cilbench/cilbench", [], "/p/proto.json", "cuda", "/r", 4, [], []);
        var options = new SlurmOptions(4, "gpu", 1, "1-02:00:00", 2, ["--qos=high", "--comment=aligned ladder", "--exclusive"]);

        var script = SlurmScript.Generate("cilbench-proto", options, Cells.Length, "/r/.slurm/x.cells", "/r/.slurm/proto-%A_%a.out", command);

        Assert.StartsWith("#!/bin/bash\n", script);
        Assert.Equal(
            ["#SBATCH --job-name=cilbench-proto", "#SBATCH --array=0-2%2", "#SBATCH --output=/r/.slurm/proto-%A_%a.out", "#SBATCH --cpus-per-task=4",
             "#SBATCH --partition=gpu", "#SBATCH --gpus-per-task=1", "#SBATCH --time=1-02:00:00", "#SBATCH --qos=high", "#SBATCH --comment=\"aligned ladder\"", "#SBATCH --exclusive"],
            Directives(script));
        // Options not given are left to the cluster; no limit, no %.
        Assert.Equal(["#SBATCH --job-name=j", "#SBATCH --array=0-0", "#SBATCH --output=/l", "#SBATCH --cpus-per-task=1"],
            Directives(SlurmScript.Generate("j", new SlurmOptions(1), 1, "/m", "/l", command)));
    }

    [Fact]
    public void EachArrayTaskRunsItsOwnCellWithEveryPathKeptWhole()
    {
        // Spaces and a single quote in every path the task passes on.
        var root = Path.Combine(dir.Path, "it's a results dir");
        var fake = Path.Combine(dir.Path, "bin dir", "cilbench");
        Directory.CreateDirectory(Path.GetDirectoryName(fake)!);
        File.WriteAllText(fake, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done\n");
        File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var command = new ChildCommand(fake, ["pre fix"], Path.Combine(dir.Path, "my protocols", "p.json"), "cpu", root, 2,
            [Path.Combine(dir.Path, "plugin dir")], [Path.Combine(dir.Path, "x y.dll")]);
        var manifest = Path.Combine(dir.Path, "cells manifest.cells");
        File.WriteAllText(manifest, SlurmScript.Manifest(Cells));
        var log = Path.Combine(root, ".slurm", "p-%A_%a.out");
        var script = Path.Combine(dir.Path, "job.sh");
        File.WriteAllText(script, SlurmScript.Generate("cilbench-p", new SlurmOptions(2), Cells.Length, manifest, log, command));

        Assert.Contains($"#SBATCH --output=\"{log}\"", File.ReadAllText(script));
        for (var i = 0; i < Cells.Length; i++)
            Assert.Equal(["pre fix", .. command.Arguments(Cells[i])], RunTask(script, i));
    }

    [Theory]
    [InlineData(0, null, null, null, "--cpus-per-task must be positive, got 0")]
    [InlineData(1, 0, null, null, "--gpus-per-task must be positive, got 0")]
    [InlineData(1, null, -1, null, "--array-limit must be positive, got -1")]
    [InlineData(1, null, null, "2:00", "--time '2:00' is not a time limit")]
    [InlineData(1, null, null, "01:60:00", "--time '01:60:00' is not a time limit")]
    [InlineData(1, null, null, "1h", "--time '1h' is not a time limit")]
    public void BadOptionsAreRefusedNamingTheOptionAndValue(int cpus, int? gpus, int? limit, string? time, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => new SlurmOptions(cpus, null, gpus, time, limit).Validate());
        Assert.StartsWith(message, e.Message);
    }

    [Fact]
    public void AnSbatchArgumentMustBeAnOption()
    {
        var e = Assert.Throws<ArgumentException>(() => new SlurmOptions(1, SbatchArguments: ["qos=high"]).Validate());
        Assert.StartsWith("--sbatch-arg 'qos=high' is not an sbatch option", e.Message);
        Assert.StartsWith("--sbatch-arg '--qos high' is not an sbatch option",
            Assert.Throws<ArgumentException>(() => new SlurmOptions(1, SbatchArguments: ["--qos high"]).Validate()).Message);
        Assert.Equal("12:00:00", new SlurmOptions(1, Time: "12:00:00").Validate().Time);
    }

    private static string[] RunTask(string script, int index)
    {
        var info = new ProcessStartInfo("bash", [script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        info.Environment["SLURM_ARRAY_TASK_ID"] = index.ToString();
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEnd();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, stderr);
        return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
