namespace CilBench.Cli.Bench;

/// <summary>
/// One step benchmark's figures; serialised with snake_case names, the keys bench/pytorch_reference.py writes too,
/// so the two lines compare key by key. Times are milliseconds: medians, and the 10th and 90th percentiles.
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
    long BackboneParameters,
    long Parameters,
    double TrainStepMs,
    double TrainStepP10Ms,
    double TrainStepP90Ms,
    double EvalMsPerBatch,
    double EvalP10Ms,
    double EvalP90Ms);
