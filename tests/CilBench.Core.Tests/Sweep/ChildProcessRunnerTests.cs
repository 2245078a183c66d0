using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using CilBench.Core.Sweep;
using CilBench.Core.Tests.Data;

namespace CilBench.Core.Tests.Sweep;

/// <summary>
/// Cells run as `/bin/sh -c SCRIPT sh RESULT METHOD SEED DIR`: the "method" picks how the child behaves, as a real
/// `cilbench run` would succeed, fail, hang or run alongside others.
/// </summary>
public class ChildProcessRunnerTests : IDisposable
{
    private const string Script = """
        case "$2" in
          ok) echo "stage 0 done"; mkdir -p "$(dirname "$1")" && echo '{}' > "$1" ;;
          fail) i=0; while [ $i -lt 50 ]; do echo "line $i" >&2; i=$((i+1)); done; echo "error: protocol.json: seeds: seed 3 is listed twice" >&2; exit 2 ;;
          partial) echo "error: over budget at task 2" >&2; mkdir -p "$(dirname "$1")" && echo '{}' > "$1"; exit 3 ;;
          hang) sleep 60 ;;
          quiet) exit 0 ;;
          together)
            touch "$4/running.$3"; sleep 0.5
            ls "$4" | grep -c '^running\.' > "$4/seen.$3"
            rm "$4/running.$3"; mkdir -p "$(dirname "$1")" && echo '{}' > "$1" ;;
        esac
        """;

    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    private async Task<IReadOnlyDictionary<SweepCell, CellOutcome>> Run(string[] methods, int[] seeds, int jobs, TimeSpan? timeout = null,
        ConcurrentBag<(string, string)>? lines = null)
    {
        var cells = SweepCell.Plan(Path.Combine(dir.Path, "out"), "proto", methods, ["b1"], seeds);
        var runner = new ChildProcessRunner("/bin/sh", ["-c", Script, "sh"], timeout);
        return await runner.RunAll(cells, (c, _) => [c.ResultPath, c.Method, c.Seed.ToString(), dir.Path], jobs,
            (c, line) => lines?.Add((c.Method, line)), CancellationToken.None);
    }

    private static CellFailure ReadFailure(SweepCell cell) =>
        JsonSerializer.Deserialize<CellFailure>(File.ReadAllText(cell.FailurePath), new JsonSerializerOptions(JsonSerializerDefaults.Web))!;

    [Fact]
    public async Task FailuresAreRecordedAndTheOtherCellsStillRun()
    {
        var lines = new ConcurrentBag<(string, string)>();
        var outcomes = await Run(["fail", "ok", "quiet"], [1], jobs: 1, lines: lines);

        var ok = outcomes.Single(o => o.Key.Method == "ok");
        Assert.True(ok.Value.Succeeded);
        Assert.False(File.Exists(ok.Key.FailurePath));
        Assert.Contains(("ok", "stage 0 done"), lines);

        var (failCell, fail) = outcomes.Single(o => o.Key.Method == "fail");
        Assert.False(fail.Succeeded);
        Assert.Equal(2, fail.ExitCode);
        Assert.Equal("exit status 2: protocol.json: seeds: seed 3 is listed twice", fail.Reason);
        var record = ReadFailure(failCell);
        Assert.Equal(Path.Combine(dir.Path, "out", "proto", "fail", "b1", "seed-1.failed.json"), failCell.FailurePath);
        Assert.Equal((2, "exit status 2", "protocol.json: seeds: seed 3 is listed twice", "fail / b1 / seed 1"),
            (record.ExitCode, record.Reason, record.Message, record.Cell));
        // The tail: the last 40 of the 51 stderr lines.
        Assert.Equal(Enumerable.Range(11, 39).Select(i => $"line {i}").Append("error: protocol.json: seeds: seed 3 is listed twice"),
            record.StderrTail.Split('\n'));
        Assert.False(File.Exists(failCell.ResultPath));

        var (quietCell, quiet) = outcomes.Single(o => o.Key.Method == "quiet");
        Assert.False(quiet.Succeeded);
        Assert.Equal("exited 0 without writing its result", ReadFailure(quietCell).Reason);
        Assert.Null(ReadFailure(quietCell).Message);
    }

    [Fact]
    public async Task APartialResultOverBudgetIsDoneWithItsReason()
    {
        var (cell, outcome) = Assert.Single(await Run(["partial"], [1], jobs: 1));

        Assert.Equal((true, 3, "over budget at task 2"), (outcome.Succeeded, outcome.ExitCode, outcome.Reason));
        Assert.False(File.Exists(cell.FailurePath));
    }

    [Fact]
    public async Task SuccessRemovesAnEarlierFailureRecord()
    {
        var cell = SweepCell.Plan(Path.Combine(dir.Path, "out"), "proto", ["ok"], ["b1"], [1])[0];
        Directory.CreateDirectory(Path.GetDirectoryName(cell.FailurePath)!);
        File.WriteAllText(cell.FailurePath, "{}");

        var outcome = (await Run(["ok"], [1], jobs: 1))[cell];

        Assert.True(outcome.Succeeded);
        Assert.False(File.Exists(cell.FailurePath));
    }

    [Fact]
    public async Task HangingCellIsKilledAtTheTimeout()
    {
        var clock = Stopwatch.StartNew();
        var (cell, outcome) = (await Run(["hang"], [1], jobs: 1, timeout: TimeSpan.FromSeconds(0.5))).Single();

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
        Assert.False(outcome.Succeeded);
        Assert.StartsWith("timed out", outcome.Reason);
        Assert.StartsWith("timed out", ReadFailure(cell).Reason);
    }

    [Fact]
    public async Task CellsRunConcurrentlyUpToJobs()
    {
        var outcomes = await Run(["together"], [1, 2, 3, 4], jobs: 2);

        Assert.All(outcomes.Values, o => Assert.True(o.Succeeded));
        // Each cell counted the cells running while it slept: never more than 2, and 2 at least once.
        var seen = Enumerable.Range(1, 4).Select(s => int.Parse(File.ReadAllText(Path.Combine(dir.Path, $"seen.{s}")).Trim())).ToList();
        Assert.All(seen, n => Assert.InRange(n, 1, 2));
        Assert.Contains(2, seen);
    }

    [Fact]
    public async Task NoTwoRunningCellsShareAWorkerNumber()
    {
        // A cell holds "worker-N" while it runs (mkdir fails if another running cell holds it) and logs N.
        const string holds = """
            mkdir "$2/worker-$3" || exit 9
            echo "$3" >> "$2/workers"; sleep 0.3; rmdir "$2/worker-$3"
            mkdir -p "$(dirname "$1")" && echo '{}' > "$1"
            """;
        var cells = SweepCell.Plan(Path.Combine(dir.Path, "out"), "proto", ["m"], ["b1"], [1, 2, 3, 4, 5, 6, 7]);
        var runner = new ChildProcessRunner("/bin/sh", ["-c", holds, "sh"], null);

        var outcomes = await runner.RunAll(cells, (c, worker) => [c.ResultPath, dir.Path, worker.ToString()], 3, (_, _) => { }, CancellationToken.None);

        Assert.All(outcomes.Values, o => Assert.True(o.Succeeded, o.Reason));
        var workers = File.ReadAllLines(Path.Combine(dir.Path, "workers")).Select(int.Parse).ToList();
        Assert.Equal(7, workers.Count);
        Assert.All(workers, w => Assert.InRange(w, 0, 2));
    }
}
