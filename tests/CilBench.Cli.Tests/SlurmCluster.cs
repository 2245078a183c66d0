using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace CilBench.Cli.Tests;

/// <summary>
/// A one-node Slurm cluster on localhost from Debian's packages, all of it under a temporary folder: munged with a key
/// made here and its own socket, slurmctld and slurmd in the foreground (their pids are the processes started here),
/// a slurm.conf with this machine's CPU count, no cgroups (proctrack/linuxproc, task/none) and no accounting
/// (sacct then fails, and `sweep status` falls back to squeue and the result files, as on a cluster without
/// slurmdbd). Dispose cancels what is queued, stops the daemons by pid and kills whatever still carries this cluster's
/// SLURM_CONF (slurmstepd, job processes), so nothing outlives the test, even a failing one.
/// </summary>
internal sealed class SlurmCluster : IDisposable
{
    public const string Slurmctld = "/usr/sbin/slurmctld", Slurmd = "/usr/sbin/slurmd", Munged = "/usr/sbin/munged";

    private readonly TempDirectory dir = new();
    private readonly List<Process> daemons = [];
    private bool disposed;

    /// <summary>Why the cluster cannot be started here, or null.</summary>
    public static string? Unavailable =>
        new[] { Slurmctld, Slurmd, Munged, "/usr/bin/sbatch", "/usr/bin/squeue", "/usr/bin/scancel" }.FirstOrDefault(f => !File.Exists(f)) is { } missing
            ? $"Slurm is not installed ({missing} is missing; scripts/setup.sh installs slurm-wlm and munge)"
            : Environment.UserName != "root" ? "the one-node Slurm cluster needs root (slurmd starts jobs as their user)" : null;

    public string Path => dir.Path;

    public string Config => System.IO.Path.Combine(Path, "slurm.conf");

    /// <summary>What a Slurm client (sbatch, squeue, and cilbench through them) needs to reach this cluster.</summary>
    public IReadOnlyDictionary<string, string> ClientEnvironment => new Dictionary<string, string> { ["SLURM_CONF"] = Config };

    public SlurmCluster()
    {
        try
        {
            var munge = Directory.CreateDirectory(System.IO.Path.Combine(Path, "munge")).FullName;
            var key = System.IO.Path.Combine(munge, "munge.key");
            File.WriteAllBytes(key, RandomNumberGenerator.GetBytes(1024));
            if (OperatingSystem.IsLinux()) File.SetUnixFileMode(key, UnixFileMode.UserRead); // munged refuses a key others can read
            var socket = System.IO.Path.Combine(munge, "munge.socket");
            Start(Munged, "--foreground", "--force", $"--socket={socket}", $"--key-file={key}", $"--log-file={munge}/munged.log",
                $"--pid-file={munge}/munged.pid", $"--seed-file={munge}/munged.seed");
            WaitFor(() => File.Exists(socket), "munged's socket");

            foreach (var d in new[] { "state", "spool", "log" }) Directory.CreateDirectory(System.IO.Path.Combine(Path, d));
            File.WriteAllText(Config, $"""
                ClusterName=cilbench-test
                SlurmctldHost=localhost
                SlurmUser=root
                SlurmdUser=root
                SlurmctldPort={FreePort()}
                SlurmdPort={FreePort()}
                AuthType=auth/munge
                AuthInfo=socket={socket}
                CredType=cred/munge
                StateSaveLocation={Path}/state
                SlurmdSpoolDir={Path}/spool
                SlurmctldPidFile={Path}/slurmctld.pid
                SlurmdPidFile={Path}/slurmd.pid
                SlurmctldLogFile={Path}/log/slurmctld.log
                SlurmdLogFile={Path}/log/slurmd.log
                MailProg=/bin/true
                ProctrackType=proctrack/linuxproc
                TaskPlugin=task/none
                SelectType=select/cons_tres
                SelectTypeParameters=CR_CPU
                AccountingStorageType=accounting_storage/none
                JobCompType=jobcomp/none
                JobAcctGatherType=jobacct_gather/none
                MpiDefault=none
                ReturnToService=2
                NodeName=localhost CPUs={Environment.ProcessorCount} State=UNKNOWN
                PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP

                """);
            Start(Slurmctld, "-D", "-f", Config);
            Start(Slurmd, "-D", "-f", Config, "-N", "localhost");
            WaitFor(() => Client("sinfo", "--noheader", "--format=%T").Stdout.Trim() == "idle", "the node to be idle in sinfo");
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Runs a Slurm client command against this cluster.</summary>
    public (int ExitCode, string Stdout, string Stderr) Client(string command, params string[] arguments)
    {
        var info = new ProcessStartInfo(command, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        info.Environment["SLURM_CONF"] = Config;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Array tasks of the job still in the queue ("JOB_INDEX STATE").</summary>
    public string[] Queued(string jobId) =>
        Client("squeue", "--noheader", "--array", "--jobs", jobId, "--format=%i %T").Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Waits until none of the job's array tasks is queued or running.</summary>
    public void WaitUntilFinished(string jobId, TimeSpan limit) =>
        WaitFor(() => Queued(jobId).Length == 0, $"job {jobId} to finish", limit);

    /// <summary>The daemons' logs, for a failure message.</summary>
    public string Logs() => string.Join('\n', Directory.EnumerateFiles(System.IO.Path.Combine(Path, "log")).Select(f => $"--- {f}\n{Tail(File.ReadAllText(f))}"));

    private static string Tail(string text) => text.Length <= 4000 ? text : text[^4000..];

    private void Start(string daemon, params string[] arguments)
    {
        var info = new ProcessStartInfo(daemon, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        info.Environment["SLURM_CONF"] = Config;
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        daemons.Add(process);
    }

    private void WaitFor(Func<bool> condition, string what, TimeSpan? limit = null)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (daemons.FirstOrDefault(d => d.HasExited) is { } dead)
                throw new InvalidOperationException($"{dead.StartInfo.FileName} exited ({dead.ExitCode}) while waiting for {what}\n{Logs()}");
            if (clock.Elapsed > (limit ?? TimeSpan.FromSeconds(60))) throw new TimeoutException($"timed out waiting for {what}\n{Logs()}");
            Thread.Sleep(200);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        if (daemons.Count == 3 && daemons.All(d => !d.HasExited))
        {
            Client("scancel", "--full", "--user=root");
            try { WaitFor(() => Client("squeue", "--noheader").Stdout.Trim().Length == 0, "the queue to empty", TimeSpan.FromSeconds(30)); }
            catch (TimeoutException) { } // what is left is killed below
        }
        // Stop in reverse order: slurmd, slurmctld (its slurmscriptd child goes with it), munged.
        foreach (var d in Enumerable.Reverse(daemons))
        {
            if (!d.HasExited)
            {
                Process.Start("kill", ["-TERM", d.Id.ToString()])!.WaitForExit();
                if (!d.WaitForExit(TimeSpan.FromSeconds(15))) d.Kill(entireProcessTree: true);
            }
            d.WaitForExit();
            d.Dispose();
        }
        foreach (var pid in ProcessesOfThisCluster()) KillPid(pid);
        dir.Dispose();
    }

    /// <summary>Processes that still carry this cluster's SLURM_CONF in their environment (slurmstepd, a job's processes).</summary>
    public List<int> ProcessesOfThisCluster()
    {
        var mark = $"SLURM_CONF={Config}\0";
        var pids = new List<int>();
        foreach (var proc in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(System.IO.Path.GetFileName(proc), out var pid) || pid == Environment.ProcessId) continue;
            try
            {
                if (File.ReadAllText(System.IO.Path.Combine(proc, "environ")).Contains(mark, StringComparison.Ordinal)) pids.Add(pid);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { } // gone, or not ours to read
        }
        return pids;
    }

    private static void KillPid(int pid)
    {
        try
        {
            using var p = Process.GetProcessById(pid);
            p.Kill(entireProcessTree: true);
            p.WaitForExit(TimeSpan.FromSeconds(10));
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException) { } // already gone
    }
}
