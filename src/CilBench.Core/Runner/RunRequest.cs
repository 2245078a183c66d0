using CilBench.Core.Plugins;
using CilBench.Core.Protocols;
using CilBench.Torch;

namespace CilBench.Core.Runner;

/// <summary>One cell of a sweep: a protocol, a method, a budget point and a seed, on a device.</summary>
public sealed record RunRequest(Protocol Protocol, LoadedMethod Method, BudgetPoint Point, int Seed, Device Device, string OutputRoot)
{
    /// <summary>After every stage, rebuild a fresh learner from the saved state and check it predicts the same.</summary>
    public bool Audit { get; init; } = true;

    /// <summary>Continue from the cell's last checkpoint, if there is one.</summary>
    public bool Resume { get; init; }

    public string CommandLine { get; init; } = Environment.CommandLine;

    /// <summary>DIR/&lt;protocol&gt;/&lt;method&gt;/&lt;budget&gt;/seed-&lt;S&gt;.json</summary>
    public string ResultPath => ResultPaths.For(OutputRoot, Protocol.Name, Method.Method.Name, Point.Name, Seed);
}

public static class ResultPaths
{
    public static string For(string root, string protocol, string method, string budget, int seed) =>
        Path.Combine(root, protocol, method, budget, $"seed-{seed}.json");

    /// <summary>The folder holding a cell's latest checkpoint.</summary>
    public static string Checkpoint(string resultPath) => Path.ChangeExtension(resultPath, ".checkpoint");
}
