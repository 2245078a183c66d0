using CilBench.Torch;

namespace CilBench.Core.Checks;

/// <summary>What <c>cilbench check</c> was asked: a plugin DLL, and optionally the protocol, budget point, seed and device.</summary>
/// <param name="Plugin">The plugin DLL.</param>
public sealed record CheckRequest(string Plugin)
{
    /// <summary>A protocol file; null for the <see cref="CheckProtocol"/>.</summary>
    public string? ProtocolFile { get; init; }

    /// <summary>The budget point (required when the protocol has several).</summary>
    public string? Budget { get; init; }

    /// <summary>The seed of both runs; null for the protocol's first.</summary>
    public int? Seed { get; init; }

    public Device Device { get; init; } = Device.CPU;
}
