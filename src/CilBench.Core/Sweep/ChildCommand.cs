using CilBench.Core.Protocols;

namespace CilBench.Core.Sweep;

/// <summary>
/// The `cilbench run --resume` a sweep starts for a cell, whichever executor starts it (a local child process, a Slurm
/// array task): everything absolute, so it runs the same from any working directory or node.
/// </summary>
/// <param name="Executable">cilbench (the apphost, or dotnet with <paramref name="Prefix"/> naming cilbench.dll).</param>
/// <param name="Prefix">Arguments before `run`.</param>
/// <param name="ProtocolFile">Absolute path of the protocol.</param>
/// <param name="Device">cpu, cuda or cuda:N.</param>
/// <param name="OutputRoot">Absolute results directory.</param>
/// <param name="Threads">libtorch threads (part of the cell's fingerprint).</param>
/// <param name="PluginDirectories">Absolute --plugins directories.</param>
/// <param name="PluginFiles">Absolute --plugin files.</param>
/// <param name="Backends">Backend switches given on the sweep's command line (part of the cell's fingerprint).</param>
public sealed record ChildCommand(string Executable, IReadOnlyList<string> Prefix, string ProtocolFile, string Device, string OutputRoot, int Threads,
    IReadOnlyList<string> PluginDirectories, IReadOnlyList<string> PluginFiles, BackendOverrides? Backends = null)
{
    /// <summary>The arguments after the executable and prefix for one cell, on <paramref name="device"/> (default: <see cref="Device"/>).</summary>
    public IReadOnlyList<string> Arguments(string method, string budget, string seed, string? device = null)
    {
        var args = new List<string>
        {
            "run", "--protocol", ProtocolFile, "--method", method, "--budget", budget, "--seed", seed,
            "--device", device ?? Device, "--out", OutputRoot, "--threads", Threads.ToString(), "--resume", "--progress", "json",
        };
        foreach (var d in PluginDirectories) args.AddRange(["--plugins", d]);
        foreach (var f in PluginFiles) args.AddRange(["--plugin", f]);
        args.AddRange(Backends?.Arguments() ?? []);
        return args;
    }

    public IReadOnlyList<string> Arguments(SweepCell cell, string? device = null) => Arguments(cell.Method, cell.Budget, cell.Seed.ToString(), device);

    /// <summary>The whole command: executable, prefix, arguments.</summary>
    public IReadOnlyList<string> Words(IReadOnlyList<string> arguments) => [Executable, .. Prefix, .. arguments];
}
