using CilBench.Core.Protocols;

namespace CilBench.Cli.Bench;

/// <summary>
/// One step benchmark's figures; serialised with snake_case names, the keys bench/pytorch_reference.py writes too,
/// so the two lines compare key by key. Times are milliseconds: medians, and the 10th and 90th percentiles. The
/// <c>*_cpu_*</c> figures are the median process CPU time (all threads) of a call: on cores shared with other work
/// they still compare where wall times do not (with OMP_WAIT_POLICY=PASSIVE, so that no thread spins while waiting).
/// </summary>
public sealed record StepBenchmarkResult(
    string Impl,
    string Model,
    int Batch,
    int Steps,
    int Warmup,
    int Channels,
    int Size,
    int Classes,
    string Device,
    int Threads,
    string Libtorch,
    BackendSpec Backends,
    long BackboneParameters,
    long Parameters,
    double TrainStepMs,
    double TrainStepP10Ms,
    double TrainStepP90Ms,
    double EvalMsPerBatch,
    double EvalP10Ms,
    double EvalP90Ms,
    double TrainStepCpuMs,
    double EvalCpuMsPerBatch);
