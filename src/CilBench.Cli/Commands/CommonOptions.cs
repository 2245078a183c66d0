using System.CommandLine;
using CilBench.Core.Plugins;

namespace CilBench.Cli.Commands;

/// <summary>Options several commands share: where plugins come from, where results go, threads.</summary>
internal static class CommonOptions
{
    public static Option<string[]> PluginDirectories() => new("--plugins")
    {
        Description = "Extra directory of method plugins (repeatable); the plugins folder beside cilbench is always searched",
        AllowMultipleArgumentsPerToken = false,
    };

    public static Option<string[]> PluginFiles() => new("--plugin")
    {
        Description = "A method plugin DLL to load (repeatable)",
    };

    public static Option<string> Output() => new("--out")
    {
        Description = "Results directory",
        DefaultValueFactory = _ => "results",
    };

    public static Option<string> Device() => new("--device")
    {
        Description = "cpu, cuda or cuda:N",
        DefaultValueFactory = _ => "cpu",
    };

    public static Option<int?> Threads(string description) => new("--threads") { Description = description };

    /// <summary>Loads the plugins the options name and prints one line per plugin that could not be loaded.</summary>
    public static PluginCatalog LoadPlugins(ParseResult parse, Option<string[]> directories, Option<string[]> files) =>
        LoadPlugins(parse.GetValue(directories) ?? [], parse.GetValue(files) ?? []);

    /// <summary>Loads the plugins and prints one line per plugin that could not be loaded.</summary>
    public static PluginCatalog LoadPlugins(IReadOnlyList<string> directories, IReadOnlyList<string> files)
    {
        var catalog = PluginLoader.Load(PluginSources.ForHost(directories, files));
        foreach (var d in catalog.Diagnostics) Console.Error.WriteLine($"plugin skipped: {d}");
        return catalog;
    }

    /// <summary>Reports a stale result or checkpoint a sweep moved aside.</summary>
    public static void Stale(string line) => Console.Out.WriteLine($"stale: {line}");

    /// <summary>The threads a run uses: the option, else CILBENCH_THREADS, else <paramref name="fallback"/>.</summary>
    /// <exception cref="ArgumentException">A value of zero or less.</exception>
    public static int ResolveThreads(int? option, int fallback)
    {
        if (option is { } n) return n > 0 ? n : throw new ArgumentException($"--threads must be positive, got {n}");
        var env = Environment.GetEnvironmentVariable("CILBENCH_THREADS");
        if (string.IsNullOrEmpty(env)) return fallback;
        return int.TryParse(env, out var e) && e > 0 ? e : throw new ArgumentException($"CILBENCH_THREADS must be a positive integer, got '{env}'");
    }

    /// <summary>Creates the results directory and proves it can be written, before any work starts.</summary>
    /// <exception cref="IOException">It cannot be created or written.</exception>
    public static string WritableOutput(string dir)
    {
        var full = Path.GetFullPath(dir);
        try
        {
            Directory.CreateDirectory(full);
            var probe = Path.Combine(full, $".write-probe-{Environment.ProcessId}-{Guid.NewGuid():N}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"--out {dir}: the results directory cannot be written ({e.Message})", e);
        }
        return full;
    }
}
