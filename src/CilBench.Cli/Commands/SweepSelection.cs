using System.CommandLine;
using CilBench.Core.Plugins;
using CilBench.Core.Protocols;
using CilBench.Core.Sweep;
using CilBench.Core.Sweep.Slurm;
using CilBench.Torch;
using Microsoft.Extensions.DependencyInjection;

namespace CilBench.Cli.Commands;

/// <summary>
/// The options that choose a sweep's cells and what each runs with (so its fingerprint), shared by `sweep` and
/// `sweep status`: both resolve them to the same <see cref="SweepPlan"/>, whichever executor ran the cells.
/// </summary>
internal sealed class SweepSelection
{
    public Option<string> Protocol { get; } = new("--protocol") { Description = "Protocol JSON file", Required = true };
    public Option<string?> Methods { get; } = new("--methods") { Description = "Comma-separated method names (default: every loaded method)" };
    public Option<string?> Budgets { get; } = new("--budgets") { Description = "Comma-separated budget point names (default: all of the protocol's)" };
    public Option<string?> Seeds { get; } = new("--seeds") { Description = "Comma-separated seeds (default: the protocol's)" };
    public Option<int?> Threads { get; } = CommonOptions.Threads("libtorch threads per cell (default: CILBENCH_THREADS, else cores / jobs locally, --cpus-per-task on Slurm)");
    public Option<string> Device { get; } = CommonOptions.Device();
    public Option<string> Output { get; } = CommonOptions.Output();
    public Option<string[]> PluginDirectories { get; } = CommonOptions.PluginDirectories();
    public Option<string[]> PluginFiles { get; } = CommonOptions.PluginFiles();
    public BackendOptions Backends { get; } = new();

    public IEnumerable<Option> All => [Protocol, Methods, Budgets, Seeds, Threads, Device, Output, PluginDirectories, PluginFiles, .. Backends.All];

    /// <summary>A resolved selection: the protocol, the plan, the command each cell runs, the Slurm submissions on record.</summary>
    public sealed record Resolved(Protocol Protocol, SweepPlan Plan, ChildCommand Command, IReadOnlyList<SlurmSubmission> Submissions);

    /// <summary>
    /// Resolves the options. <paramref name="threadsFallback"/> gives the threads when neither --threads nor
    /// CILBENCH_THREADS says. With <paramref name="fromSubmissions"/>, what is not given comes from this protocol's
    /// Slurm submissions in the results directory (their cells; the latest one's threads, device, plugins and backend switches), so
    /// `sweep status` checks the fingerprints the submitted cells will carry. <paramref name="devices"/> (--devices,
    /// comma-separated) replaces --device: the local executor's workers take them in turn.
    /// </summary>
    public Resolved Resolve(ParseResult parse, IServiceProvider services, Func<int> threadsFallback, bool fromSubmissions, string? devices = null)
    {
        var file = Path.GetFullPath(parse.GetValue(Protocol)!);
        var p = services.GetRequiredService<ProtocolLoader>().Load(file);
        var outDir = CommonOptions.WritableOutput(parse.GetValue(Output)!);
        var submissions = SlurmSubmission.ReadAll(outDir, p.Name);
        var latest = fromSubmissions ? submissions.LastOrDefault() : null;
        var submitted = fromSubmissions ? submissions.SelectMany(s => s.Cells).ToList() : [];

        var dirs = parse.GetValue(PluginDirectories) is { Length: > 0 } d ? d.Select(Path.GetFullPath).ToList() : latest?.Command.PluginDirectories ?? [];
        var files = parse.GetValue(PluginFiles) is { Length: > 0 } f ? f.Select(Path.GetFullPath).ToList() : latest?.Command.PluginFiles ?? [];
        var catalog = CommonOptions.LoadPlugins(dirs, files);
        p.CheckMethodNames(catalog.Methods.Select(m => m.Name).ToList());

        var methods = (List(parse.GetValue(Methods)) ?? Distinct(submitted.Select(c => c.Method)) ?? catalog.Methods.Select(m => m.Name).Order().ToList())
            .Select(catalog.Find).ToList();
        var points = (List(parse.GetValue(Budgets)) ?? Distinct(submitted.Select(c => c.Budget)) ?? p.Points.Select(x => x.Name).ToList()).Select(p.Point).ToList();
        var seeds = List(parse.GetValue(Seeds))?.Select(Seed).ToList() ?? Distinct(submitted.Select(c => c.Seed)) ?? p.Spec.Seeds.ToList();
        var threads = parse.GetValue(Threads) is null && latest is not null ? latest.Command.Threads : CommonOptions.ResolveThreads(parse.GetValue(Threads), threadsFallback());
        var deviceGiven = parse.GetResult(Device) is { Implicit: false };
        if (devices is not null && deviceGiven) throw new ArgumentException("give --device or --devices, not both");
        var deviceList = List(devices)?.Select(CilBench.Torch.Device.Parse).ToList()
            ?? [CilBench.Torch.Device.Parse(!deviceGiven && latest is not null ? latest.Command.Device : parse.GetValue(Device)!)];

        var backends = !Backends.Given(parse) && latest is not null ? latest.Command.Backends ?? BackendOverrides.None : Backends.Read(parse);

        var plan = SweepPlan.Build(p, methods, points, seeds, deviceList, threads, outDir, backends);
        var (exe, prefix) = ChildProcessRunner.Self();
        return new Resolved(p, plan, new ChildCommand(exe, prefix, file, deviceList[0].ToString(), outDir, threads, dirs, files, backends), submissions);
    }

    private static List<T>? Distinct<T>(IEnumerable<T> items) => items.Distinct().ToList() is { Count: > 0 } list ? list : null;

    private static int Seed(string text) =>
        int.TryParse(text, out var s) ? s : throw new ArgumentException($"--seeds: '{text}' is not an integer seed");

    private static List<string>? List(string? csv) =>
        string.IsNullOrWhiteSpace(csv) ? null : csv.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
