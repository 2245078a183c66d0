using CilBench.Core.Results;

namespace CilBench.Reports.Aggregation;

/// <summary>
/// What aggregation needs from a result beyond what deserialization checks: JSON `required` only asks that a
/// field be present, so a null or empty list still gets through and would fail later without the file's name.
/// </summary>
internal static class RunChecks
{
    public static string? Problem(RunResult r)
    {
        if (r.Protocol is null || r.Method is null || r.Budget is null || r.Provenance is null)
            return "protocol, method, budget or provenance is null";
        if (r.Protocol.Dataset is null || r.Protocol.Tasks is null) return "the protocol has no dataset or no tasks";
        if (r.Stages is null || r.Stages.Count == 0) return "no stages";
        if (r.Summary is null) return "no summary";
        for (var i = 0; i < r.Stages.Count; i++)
        {
            var s = r.Stages[i];
            if (s is null || s.Heads is null || s.Heads.Count == 0 || s.Memory is null)
                return $"stage {i} has no heads or no memory figures";
            if (s.Heads.Values.Any(h => h is null)) return $"stage {i} has a null head";
        }
        var heads = r.Stages[0].Heads.Keys.ToList();
        if (r.Stages.FirstOrDefault(s => !s.Heads.Keys.SequenceEqual(heads)) is { } odd)
            return $"stage {odd.Task} has heads [{string.Join(", ", odd.Heads.Keys)}], stage 0 has [{string.Join(", ", heads)}]";
        if (heads.FirstOrDefault(h => !r.Summary.TryGetValue(h, out var v) || v is null) is { } missing)
            return $"the summary has no head '{missing}'";
        return null;
    }
}
