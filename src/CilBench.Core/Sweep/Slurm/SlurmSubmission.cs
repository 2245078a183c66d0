using System.Text.Json;
using CilBench.Core.Results;

namespace CilBench.Core.Sweep.Slurm;

/// <summary>
/// What a Slurm sweep submitted, kept as OUT/.slurm/&lt;name&gt;.json beside its script, manifest and logs: the job
/// id, the cell of each array index, and the options (so `sweep status` checks the same fingerprints and
/// `--resubmit-failed` asks for the same resources).
/// </summary>
/// <param name="Protocol">The protocol's name.</param>
/// <param name="JobId">sbatch's job id (array task i is JobId_i).</param>
/// <param name="SubmittedUtc">When.</param>
/// <param name="Script">The job-array script.</param>
/// <param name="Manifest">The cells manifest the script reads.</param>
/// <param name="LogPattern">The array tasks' --output (%A the job id, %a the index).</param>
/// <param name="Cells">The cell of each array index: "method/budget/seed".</param>
/// <param name="Command">The cell command (threads, device, plugins are part of each cell's fingerprint).</param>
/// <param name="Slurm">The resources asked for.</param>
public sealed record SlurmSubmission(string Protocol, string JobId, DateTime SubmittedUtc, string Script, string Manifest, string LogPattern, IReadOnlyList<SubmittedCell> Cells,
    ChildCommand Command, SlurmOptions Slurm)
{
    /// <summary>OUT/.slurm: scripts, manifests, records and the array tasks' logs.</summary>
    public static string Directory(string outputRoot) => Path.Combine(outputRoot, ".slurm");

    /// <summary>Array task <paramref name="index"/>'s stdout and stderr.</summary>
    public string Log(int index) => LogPattern.Replace("%A", JobId).Replace("%a", index.ToString());

    /// <summary>The array task of a cell in this submission, if it has one.</summary>
    public int? IndexOf(SweepCell cell)
    {
        for (var i = 0; i < Cells.Count; i++)
            if (Cells[i].Is(cell)) return i;
        return null;
    }

    public void Save(string path) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, ResultJson.Options));

    /// <summary>Every submission of <paramref name="protocol"/> recorded in the results directory, oldest first.</summary>
    /// <exception cref="FormatException">A record that cannot be read (named).</exception>
    public static IReadOnlyList<SlurmSubmission> ReadAll(string outputRoot, string protocol)
    {
        var dir = Directory(outputRoot);
        if (!System.IO.Directory.Exists(dir)) return [];
        var all = new List<SlurmSubmission>();
        foreach (var file in System.IO.Directory.EnumerateFiles(dir, "*.json"))
        {
            try
            {
                var s = JsonSerializer.Deserialize<SlurmSubmission>(File.ReadAllBytes(file), ResultJson.Options)
                    ?? throw new FormatException("the file holds null");
                if (s.JobId is null || s.Cells is null || s.Command is null || s.Slurm is null || s.LogPattern is null)
                    throw new FormatException("it lacks jobId, cells, logPattern, command or slurm");
                if (s.Protocol == protocol) all.Add(s);
            }
            catch (Exception e) when (e is JsonException or FormatException)
            {
                throw new FormatException($"{file}: not a valid Slurm submission record: {e.Message}", e);
            }
        }
        return all.OrderBy(s => s.SubmittedUtc).ToList();
    }
}

/// <summary>One array task's cell.</summary>
public sealed record SubmittedCell(string Method, string Budget, int Seed)
{
    public bool Is(SweepCell cell) => cell.Method == Method && cell.Budget == Budget && cell.Seed == Seed;
}
