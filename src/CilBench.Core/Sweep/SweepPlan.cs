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
    private SweepPlan(IReadOnlyList<PlannedCell> cells, int threads)
    {
        Cells = cells;
        Threads = threads;
    }

    public IReadOnlyList<PlannedCell> Cells { get; }

    /// <summary>libtorch threads every cell runs with (part of its fingerprint).</summary>
    public int Threads { get; }

    /// <exception cref="ProtocolException">A per-method key names no method, or a cell's hyper-parameters are invalid.</exception>
    /// <exception cref="ArgumentException">A method, budget point or seed is listed twice.</exception>
    public static SweepPlan Build(Protocol protocol, IReadOnlyList<LoadedMethod> methods, IReadOnlyList<BudgetPoint> points, IReadOnlyList<int> seeds,
        Device device, int threads, string outputRoot)
    {
        Unique(methods.Select(m => m.Name), StringComparer.OrdinalIgnoreCase, "method");
        Unique(points.Select(p => p.Name), StringComparer.Ordinal, "budget point");
        Unique(seeds.Select(s => s.ToString()), StringComparer.Ordinal, "seed");
        if (threads <= 0) throw new ArgumentException($"threads must be positive, got {threads}");
        var cells = new List<PlannedCell>();
        foreach (var m in methods)
        foreach (var p in points)
        foreach (var s in seeds)
        {
            var request = new RunRequest(protocol, m, p, s, device, outputRoot);
            var fingerprint = request.Fingerprint(threads);
            cells.Add(new PlannedCell(new SweepCell(m.Name, p.Name, s, request.ResultPath), request, fingerprint));
        }
        return new SweepPlan(cells, threads);
    }

    private static void Unique(IEnumerable<string> names, StringComparer comparer, string what)
    {
        if (names.GroupBy(n => n, comparer).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new ArgumentException($"{what} '{twice.Key}' is listed twice");
    }
}

/// <summary>One cell of a plan: where its files go, what its child runs, the fingerprint its result must carry.</summary>
public sealed record PlannedCell(SweepCell Cell, RunRequest Request, CellFingerprint Fingerprint);
