using System.Diagnostics;
using System.Reflection;

namespace Example.Tests;

/// <summary>
/// The cilbench harness these tests run: $CILBENCH if set, else the path given to `dotnet new` (--harness), else
/// `cilbench` on PATH. Either the executable or cilbench.dll (run with dotnet).
/// </summary>
internal static class Harness
{
    /// <summary>The plugin DLL this solution builds (src/Example/bin/...).</summary>
    public static string Plugin => Metadata("Plugin");

    public static string Executable
    {
        get
        {
            var candidates = new[] { Environment.GetEnvironmentVariable("CILBENCH"), Metadata("Harness") }
                .Where(p => !string.IsNullOrWhiteSpace(p))
                .Concat((Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Select(d => Path.Combine(d, "cilbench")));
            return candidates.FirstOrDefault(File.Exists)
                ?? throw new InvalidOperationException(
                    "cilbench not found: set CILBENCH to the cilbench executable of your harness " +
                    "(a CilBench build: src/CilBench.Cli/bin/Release/net10.0/cilbench), or put it on PATH");
        }
    }

    /// <summary>Runs cilbench with the arguments; returns its exit status and everything it printed.</summary>
    public static (int ExitCode, string Output) Run(params string[] arguments)
    {
        var executable = Executable;
        var start = executable.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
            ? new ProcessStartInfo("dotnet") { ArgumentList = { executable } }
            : new ProcessStartInfo(executable);
        foreach (var a in arguments) start.ArgumentList.Add(a);
        start.RedirectStandardOutput = start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + error.Result);
    }

    private static string Metadata(string key) =>
        typeof(Harness).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value ?? "";
}
