using System.Diagnostics;
using System.Reflection;

namespace CilBench.Cli.Tests;

/// <summary>The built `cilbench` command (with the plugins the solution build copies beside it), run as a process.</summary>
internal static class Cilbench
{
    public static readonly string Directory = typeof(Cilbench).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "CilbenchDirectory").Value!;

    public static string Executable => Path.Combine(Directory, "cilbench");

    /// <summary>What a finished process printed, and its exit status.</summary>
    public sealed record Output(int ExitCode, string Stdout, string Stderr);

    /// <summary>Runs cilbench to the end (one libtorch thread unless the arguments say otherwise).</summary>
    public static Output Run(string workingDirectory, params string[] arguments) => RunAt(Executable, workingDirectory, arguments);

    /// <summary>Runs another build of cilbench (e.g. a copy of this one) to the end.</summary>
    public static Output RunAt(string executable, string workingDirectory, params string[] arguments) => RunWith(executable, null, workingDirectory, arguments);

    /// <summary>Runs cilbench to the end with these environment variables set (e.g. a PATH with stand-in Slurm commands first).</summary>
    public static Output RunWith(IReadOnlyDictionary<string, string> environment, string workingDirectory, params string[] arguments) =>
        RunWith(Executable, environment, workingDirectory, arguments);

    private static Output RunWith(string executable, IReadOnlyDictionary<string, string>? environment, string workingDirectory, string[] arguments)
    {
        using var process = Start(workingDirectory, arguments, executable, environment);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"cilbench {string.Join(' ', arguments)} did not finish in 5 minutes");
        }
        return new Output(process.ExitCode, stdout.Result, stderr.Result);
    }

    public static Process Start(string workingDirectory, IEnumerable<string> arguments, string? executable = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        executable ??= Executable;
        Assert.True(File.Exists(executable), $"cilbench is not built at {executable}");
        var info = new ProcessStartInfo(executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        info.Environment["CILBENCH_THREADS"] = "1";
        // Spectre.Console writes plain text, no live redraws, when it is not on a terminal of known width.
        info.Environment["TERM"] = "dumb";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) info.Environment[name] = value;
        return Process.Start(info)!;
    }
}
