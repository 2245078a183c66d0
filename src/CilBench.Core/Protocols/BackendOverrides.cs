namespace CilBench.Core.Protocols;

/// <summary>
/// Backend switches given on the command line (<c>--deterministic</c>, <c>--cudnn-benchmark</c>, <c>--tf32</c>): each
/// one given replaces the protocol's. What a cell runs with is part of its fingerprint, whichever of the two said it.
/// </summary>
public sealed record BackendOverrides(bool? Deterministic = null, bool? CudnnBenchmark = null, bool? Tf32 = null)
{
    public static readonly BackendOverrides None = new();

    /// <summary>The switches a cell runs with: <paramref name="protocol"/>'s (null: all off), replaced where given here.</summary>
    /// <exception cref="ArgumentException">The result would be deterministic and benchmarking at once.</exception>
    public BackendSpec Over(BackendSpec? protocol)
    {
        protocol ??= new BackendSpec();
        var spec = new BackendSpec
        {
            Deterministic = Deterministic ?? protocol.Deterministic,
            CudnnBenchmark = CudnnBenchmark ?? protocol.CudnnBenchmark,
            Tf32 = Tf32 ?? protocol.Tf32,
        };
        if (spec.Problem() is { } problem)
            throw new ArgumentException($"{Source(Deterministic, "--deterministic")} and {Source(CudnnBenchmark, "--cudnn-benchmark")}: {problem}");
        return spec;
    }

    /// <summary>The options that give these overrides to a child <c>cilbench run</c>.</summary>
    public IReadOnlyList<string> Arguments() =>
    [
        .. Argument("--deterministic", Deterministic),
        .. Argument("--cudnn-benchmark", CudnnBenchmark),
        .. Argument("--tf32", Tf32),
    ];

    private static string Source(bool? given, string option) => given is null ? "the protocol's backends" : option;

    private static IEnumerable<string> Argument(string option, bool? value) =>
        value is { } v ? [option, v ? "true" : "false"] : [];
}
