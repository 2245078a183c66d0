using CilBench.Core.Plugins;
using CilBench.Core.Protocols;
using CilBench.Torch;

namespace CilBench.Cli.Bench;

/// <summary>What one epoch benchmark runs: a protocol's second task for one method, <c>1 + Epochs</c> epochs per phase.</summary>
/// <param name="ProtocolFile">The protocol file as the user wrote it (its epochs are replaced, nothing else).</param>
/// <param name="Method">The method, from the loaded plugins.</param>
/// <param name="Budget">The budget point's name; null when the protocol has one.</param>
/// <param name="Epochs">Timed epochs per phase, after one untimed epoch.</param>
/// <param name="Device">Where the run trains.</param>
/// <param name="Threads">libtorch's intra-op threads.</param>
/// <param name="Backends">Backend switches that replace the protocol's.</param>
public sealed record EpochBenchmarkSettings(
    string ProtocolFile,
    LoadedMethod Method,
    string? Budget,
    int Epochs,
    Device Device,
    int Threads,
    BackendOverrides Backends);
