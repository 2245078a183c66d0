using CilBench.Core.Protocols;
using CilBench.Torch;

namespace CilBench.Cli.Bench;

/// <summary>What one step benchmark runs: the backbone, the batch of random images, how long, where, with which backend switches.</summary>
public sealed record StepBenchmarkSettings(
    string Model,
    int Batch,
    int Steps,
    int Warmup,
    Device Device,
    int Threads,
    int Channels,
    int Size,
    int Classes,
    ulong Seed,
    BackendSpec Backends);
