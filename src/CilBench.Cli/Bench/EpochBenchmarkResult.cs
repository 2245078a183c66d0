using CilBench.Core.Protocols;

namespace CilBench.Cli.Bench;

/// <summary>
/// One epoch benchmark's figures, serialised with snake_case names: the keys bench/pycil_epoch.py writes too.
/// Throughputs are images per second of wall time: training over the median timed epoch of the first phase,
/// evaluation over the whole post-task evaluation (every head, every seen class's test images).
/// </summary>
public sealed record EpochBenchmarkResult(
    string Impl,
    string Protocol,
    string Method,
    string Budget,
    int Task,
    string Device,
    int Threads,
    string Libtorch,
    BackendSpec Backends,
    long TrainImagesPerEpoch,
    double EpochSeconds,
    double TrainImagesPerSecond,
    long EvalImages,
    double EvalSeconds,
    double EvalImagesPerSecond,
    IReadOnlyList<EpochBenchmarkPhase> Phases);

/// <summary>Median wall seconds of a phase's timed epochs (each phase's first epoch, with its set-up, untimed).</summary>
public sealed record EpochBenchmarkPhase(string Name, int Epochs, double EpochSeconds);
