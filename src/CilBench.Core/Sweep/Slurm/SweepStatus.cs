using System.Text.Json;
using CilBench.Core.Results;

namespace CilBench.Core.Sweep.Slurm;

/// <summary>Where a cell of a sweep stands.</summary>
public enum CellProgress
{
    /// <summary>Its result carries the expected fingerprint.</summary>
    Done,

    /// <summary>Its array task is running (or starting, completing, suspended: in Slurm's queue, not waiting).</summary>
    Running,

    /// <summary>Its array task waits in Slurm's queue (squeue's PENDING).</summary>
    Queued,

    /// <summary>Never submitted or run, or moved aside as stale: a sweep would run it.</summary>
    Pending,

    /// <summary>Its last attempt ended without a result: a failure record, or an array task that left the queue.</summary>
    Failed,
}

/// <summary>One cell's state and what it rests on (a Slurm task and its state, a failure record, what differs).</summary>
public sealed record CellStatus(PlannedCell Cell, CellProgress State, string Detail);

/// <summary>
/// `cilbench sweep status`: each cell's state from its files (the done check both executors use) and, for cells a
/// Slurm submission covers, the latest submission's array task in squeue / sacct. Reads only: nothing is moved.
/// </summary>
public static class SweepStatus
{
    // sacct states of a task that has not ended.
    private static readonly HashSet<string> Active = ["PENDING", "RUNNING", "REQUEUED", "CONFIGURING", "COMPLETING", "SUSPENDED", "RESIZING"];

    public static IReadOnlyList<CellStatus> Of(SweepPlan plan, IReadOnlyList<SlurmSubmission> submissions, Func<IReadOnlyCollection<string>, SlurmQueue> query)
    {
        var queue = query(submissions.Select(s => s.JobId).Distinct().ToList());
        return plan.Cells.Select(c => Classify(c, submissions, queue)).ToList();
    }

    private static CellStatus Classify(PlannedCell planned, IReadOnlyList<SlurmSubmission> submissions, SlurmQueue queue)
    {
        var cell = planned.Cell;
        var mismatch = CellFiles.ResultMismatch(planned);
        if (mismatch is null) return new CellStatus(planned, CellProgress.Done, cell.ResultPath);
        var stale = mismatch == "no result" ? "" : $"; its result is from another setup ({mismatch})";

        var failure = ReadFailure(cell);
        // The latest submission covering the cell, unless a local attempt failed after it.
        var submitted = submissions.Select(s => (s, index: s.IndexOf(cell))).LastOrDefault(x => x.index is not null);
        if (submitted.s is { } s && (failure is null || failure.FinishedUtc < s.SubmittedUtc))
        {
            var task = $"{s.JobId}_{submitted.index}";
            // squeue first; sacct's own word where the task has just left or not yet reached squeue.
            if (queue.Queued.TryGetValue(task, out var queued) || (queue.Finished.TryGetValue(task, out queued) && Active.Contains(queued)))
                return new CellStatus(planned, queued == "PENDING" ? CellProgress.Queued : CellProgress.Running, $"slurm {task} {queued}{stale}");
            var log = $"; log {s.Log(submitted.index!.Value)}";
            var ended = mismatch == "no result" ? "without a result" : $"with a result from another setup ({mismatch})";
            if (queue.Finished.TryGetValue(task, out var state))
                return new CellStatus(planned, CellProgress.Failed, state == "COMPLETED" ? $"slurm {task} COMPLETED {ended}{log}" : $"slurm {task} {state}{stale}{log}");
            return new CellStatus(planned, CellProgress.Failed,
                $"slurm {task} left the queue {ended}{(queue.AccountingUnavailable is { } why ? $" (no accounting to say why: {why})" : "")}{log}");
        }
        if (failure is not null)
            return new CellStatus(planned, CellProgress.Failed, $"{failure.Reason}{(failure.Message is { } m ? $": {m}" : "")}{stale}");
        var detail = mismatch != "no result" ? $"result from another setup ({mismatch})"
            : CellFiles.CheckpointDevice(planned) is not null ? "interrupted; resumes from its checkpoint" : "not run";
        return new CellStatus(planned, CellProgress.Pending, detail);
    }

    private static CellFailure? ReadFailure(SweepCell cell)
    {
        if (!File.Exists(cell.FailurePath)) return null;
        try
        {
            return CellFailure.Read(cell.FailurePath);
        }
        catch (FormatException e)
        {
            throw new FormatException($"{cell.FailurePath}: not a valid failed-cell record: {e.Message}", e);
        }
    }
}
