using System.Text.Json;
using System.Text.Json.Nodes;
using CilBench.Core.Protocols;
using CilBench.Core.Results;

namespace CilBench.Core.Fingerprints;

/// <summary>The inputs of a cell that can change its result (DESIGN.md, "Trust").</summary>
/// <param name="ProtocolSha256">SHA-256 of the protocol file.</param>
/// <param name="Plugin">The plugin's dependency closure.</param>
/// <param name="Harness">The harness build.</param>
/// <param name="HyperParameters">The method's defaults merged with the protocol's overrides.</param>
/// <param name="Budget">The budget point as it applies to this method (policy, bytes or exemplar counts, backbone).</param>
/// <param name="Seed">The run's seed.</param>
/// <param name="Device">cpu, cuda:0, ...</param>
/// <param name="Threads">libtorch's intra-op threads: float reductions, and so results, depend on them.</param>
/// <param name="Libtorch">libtorch's version.</param>
/// <param name="BaseModel">The key of the shared first-task model the learner starts from (what it is trained from, hashed), if any.</param>
/// <param name="Backends">The backend switches (cuDNN deterministic or benchmark, TF32): the protocol's or the command line's.</param>
public sealed record FingerprintComponents(
    string ProtocolSha256,
    PluginClosure Plugin,
    HarnessBuild Harness,
    JsonObject HyperParameters,
    JsonObject Budget,
    int Seed,
    string Device,
    int Threads,
    string Libtorch,
    string? BaseModel = null,
    BackendSpec? Backends = null)
{
    /// <summary>The components as one JSON object (the form that is hashed and compared).</summary>
    public JsonObject ToJson() => JsonSerializer.SerializeToNode(this, ResultJson.Options)!.AsObject();
}
