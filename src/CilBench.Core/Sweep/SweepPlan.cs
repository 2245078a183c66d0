using CilBench.Core.Fingerprints;
using CilBench.Core.Plugins;
using CilBench.Core.Protocols;
using CilBench.Core.Runner;
using CilBench.Torch;

namespace CilBench.Core.Sweep;

/// <summary>
/// The cells of a sweep, each with the request its child runs and the fingerprint its result must carry. Both
/// executors (local child processes, a Slurm job array) run from this list, so a sweep started with one can be
/// finished with the other. Building it validates every cell's hyper-parameters, before any work starts.
/// </summary>
public sealed class SweepPlan
{
    private SweepPlan(IReadOnlyList<PlannedCell> cells, int threads, IReadOnlyList<Device> devices)
    {
        Cells = cells;
        Threads = threads;
        Devices = devices;
    }

    public IReadOnlyList<PlannedCell> Cells { get; }

    /// <summary>The devices cells may run on; a result or checkpoint made on any of them counts (the device is part of its fingerprint).</summary>
    public IReadOnlyList<Device> Devices { get; }

    /// <summary>libtorch threads every cell runs with (part of its fingerprint).</summary>
    public int Threads { get; }

    /// <summary>
    /// The cells still to run, by the one "already done" check both executors use (<see cref="CellFiles.Inspect"/>:
    /// stale files are moved aside, each move reported to <paramref name="moved"/>).
    /// </summary>
    public IReadOnlyList<PlannedCell> Pending(Action<string> moved) => Pending(Cells, moved);

    /// <summary>Those of <paramref name="cells"/> still to run, by the same check.</summary>
    public static IReadOnlyList<PlannedCell> Pending(IEnumerable<PlannedCell> cells, Action<string> moved) =>
        cells.Where(c => CellFiles.Inspect(c, moved) == CellState.Pending).ToList();

    /// <summary>
    /// A plan whose cells may run on any of <paramref name="devices"/> (a local sweep's workers take them in turn), with
    /// the protocol's backend switches replaced where <paramref name="backends"/> gives one.
    /// </summary>
    /// <exception cref="ProtocolException">A per-method key names no method, or a cell's hyper-parameters are invalid.</exception>
    /// <exception cref="ArgumentException">A device, method, budget point or seed is listed twice, or the switches exclude each other.</exception>
    public static SweepPlan Build(Protocol protocol, IReadOnlyList<LoadedMethod> methods, IReadOnlyList<BudgetPoint> points, IReadOnlyList<int> seeds,
        IReadOnlyList<Device> devices, int threads, string outputRoot, BackendOverrides? backends = null)
    {
        var switches = (backends ?? BackendOverrides.None).Over(protocol.Spec.Backends);
        if (devices.Count == 0) throw new ArgumentException("no device given");
        Unique(devices.Select(d => d.ToString()), StringComparer.Ordinal, "device");
        Unique(methods.Select(m => m.Name), StringComparer.OrdinalIgnoreCase, "method");
        Unique(points.Select(p => p.Name), StringComparer.Ordinal, "budget point");
        Unique(seeds.Select(s => s.ToString()), StringComparer.Ordinal, "seed");
        if (threads <= 0) throw new ArgumentException($"threads must be positive, got {threads}");
        var cells = new List<PlannedCell>();
        foreach (var m in methods)
        foreach (var p in points)
        foreach (var s in seeds)
        {
            var request = new RunRequest(protocol, m, p, s, devices[0], outputRoot) { Backends = switches };
            var others = devices.Skip(1).Select(d => (request with { Device = d }).Fingerprint(threads)).ToList();
            cells.Add(new PlannedCell(new SweepCell(m.Name, p.Name, s, request.ResultPath), request, request.Fingerprint(threads)) { OnOtherDevices = others });
        }
        return new SweepPlan(cells, threads, devices);
    }

    private static void Unique(IEnumerable<string> names, StringComparer comparer, string what)
    {
        if (names.GroupBy(n => n, comparer).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new ArgumentException($"{what} '{twice.Key}' is listed twice");
    }
}

/// <summary>One cell of a plan: where its files go, what its child runs, the fingerprint its result must carry.</summary>
public sealed record PlannedCell(SweepCell Cell, RunRequest Request, CellFingerprint Fingerprint)
{
    /// <summary>The cell's fingerprints on the plan's other devices: a result or checkpoint with one of them is this cell's too.</summary>
    public IReadOnlyList<CellFingerprint> OnOtherDevices { get; init; } = [];

    /// <summary>The fingerprint among this cell's that <paramref name="found"/> equals, if any.</summary>
    public CellFingerprint? Matching(CellFingerprint found) => OnOtherDevices.Prepend(Fingerprint).FirstOrDefault(f => f.Cell == found.Cell);
}
