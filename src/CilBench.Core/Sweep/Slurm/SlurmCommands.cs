using System.Diagnostics;

namespace CilBench.Core.Sweep.Slurm;

/// <summary>Slurm's commands (sbatch, squeue, sacct), found on PATH; SLURM_CONF and the rest of the environment pass through.</summary>
public static class SlurmCommands
{
    /// <summary>Runs a Slurm command to the end: its exit status, stdout and stderr.</summary>
    /// <exception cref="InvalidOperationException">The command is not installed.</exception>
    public static (int ExitCode, string Stdout, string Stderr) Run(string command, params string[] arguments)
    {
        var info = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        Process process;
        try
        {
            process = Process.Start(info)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{command} cannot be run ({e.Message}): is Slurm installed and on PATH?", e);
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            return (process.ExitCode, stdout.Result, stderr.Result);
        }
    }

    /// <summary>`sbatch --parsable SCRIPT`: the job id.</summary>
    /// <exception cref="InvalidOperationException">sbatch failed (its message is kept) or printed no job id.</exception>
    public static string Submit(string script)
    {
        var (code, stdout, stderr) = Run("sbatch", "--parsable", script);
        // --parsable prints "jobid" or "jobid;cluster".
        var id = stdout.Trim().Split(';')[0];
        if (code != 0 || id.Length == 0 || !id.All(char.IsAsciiDigit))
            throw new InvalidOperationException($"sbatch {script} failed (exit {code}): {(stderr + stdout).Trim()}");
        return id;
    }
}
