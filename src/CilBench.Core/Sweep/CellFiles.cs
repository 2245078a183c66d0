using CilBench.Core.Fingerprints;
using CilBench.Core.Results;
using CilBench.Core.Runner;

namespace CilBench.Core.Sweep;

/// <summary>What a cell's files say about it, against the fingerprint the plan expects.</summary>
public enum CellState
{
    /// <summary>A result with the expected fingerprint.</summary>
    Done,

    /// <summary>No usable result yet (stale files, if any, have been moved aside).</summary>
    Pending,
}

/// <summary>
/// The sweep's "already done" check. A result or checkpoint whose fingerprint is not the plan's was made by another
/// setup (another harness build, hyper-parameters, threads...): it is moved aside as <c>seed-S.stale-N.json</c> (or
/// <c>.checkpoint</c>), never deleted, and the cell runs again. Reports ignore the moved files.
/// </summary>
public static class CellFiles
{
    /// <summary>Checks the cell's files; <paramref name="moved"/> gets one line per file moved aside, saying why.</summary>
    public static CellState Inspect(PlannedCell planned, Action<string> moved)
    {
        var cell = planned.Cell;
        var expected = planned.Fingerprint;
        if (File.Exists(cell.ResultPath))
        {
            if (ResultMismatch(planned) is not { } why) return CellState.Done;
            moved($"{cell.ResultPath}: made by another setup ({why}); moved to {MoveAside(cell.ResultPath)}");
        }
        if (ReadCheckpoint(planned) is { } read)
        {
            var why = read.Unreadable is { } message ? $"unreadable ({message})"
                : read.Found is not { } found ? "no fingerprint"
                : planned.Matching(found) is not null ? null : expected.Describe(found);
            var checkpoint = ResultPaths.Checkpoint(cell.ResultPath);
            if (why is not null) moved($"{checkpoint}: made by another setup ({why}); moved to {MoveAside(checkpoint)}");
        }
        return CellState.Pending;
    }

    /// <summary>
    /// Whether the cell is done, without moving anything: null when its result carries the expected fingerprint, else
    /// why not ("no result", or what differs).
    /// </summary>
    public static string? ResultMismatch(PlannedCell planned)
    {
        var path = planned.Cell.ResultPath;
        if (!File.Exists(path)) return "no result";
        try
        {
            var result = ResultJson.Read(path);
            return planned.Matching(result.Fingerprint) is not null ? null : planned.Fingerprint.Describe(result.Fingerprint);
        }
        catch (Exception e) when (e is FormatException or IOException or NullReferenceException)
        {
            return $"unreadable ({e.Message})";
        }
    }

    /// <summary>The device the cell's checkpoint was made on, when it is one of the plan's (a resume must run there: the device is part of the fingerprint).</summary>
    public static string? CheckpointDevice(PlannedCell planned) =>
        ReadCheckpoint(planned) is { Found: { } found } ? planned.Matching(found)?.Components.Device : null;

    /// <summary>The fingerprint in the cell's last checkpoint (null: it has none), or why it cannot be read; null without a checkpoint.</summary>
    private static (CellFingerprint? Found, string? Unreadable)? ReadCheckpoint(PlannedCell planned)
    {
        var last = Path.Combine(ResultPaths.Checkpoint(planned.Cell.ResultPath), "last.safetensors");
        if (!File.Exists(last)) return null;
        try
        {
            return (Checkpoint.ReadFingerprint(last), null);
        }
        catch (Exception e) when (e is FormatException or IOException or System.Text.Json.JsonException)
        {
            return (null, e.Message);
        }
    }

    /// <summary>Renames a cell's file or folder to the first free <c>seed-S.stale-N.ext</c> beside it.</summary>
    private static string MoveAside(string path)
    {
        var directory = Path.GetDirectoryName(path)!;
        var stem = Path.GetFileNameWithoutExtension(path);
        var extension = Path.GetExtension(path);
        for (var n = 1; ; n++)
        {
            var target = Path.Combine(directory, $"{stem}.stale-{n}{extension}");
            if (File.Exists(target) || Directory.Exists(target)) continue;
            if (Directory.Exists(path)) Directory.Move(path, target);
            else File.Move(path, target);
            return target;
        }
    }
}
