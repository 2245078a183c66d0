using System.CommandLine;
using CilBench.Core.Protocols;

namespace CilBench.Cli.Commands;

/// <summary>
/// <c>--deterministic</c>, <c>--cudnn-benchmark</c>, <c>--tf32</c>: each replaces the protocol's backend switch of the
/// same name. Alone an option means true; <c>--tf32 false</c> turns off what the protocol turns on.
/// </summary>
internal sealed class BackendOptions
{
    public Option<bool?> Deterministic { get; } = Switch("--deterministic", "cuDNN deterministic algorithms, no benchmarking");
    public Option<bool?> CudnnBenchmark { get; } = Switch("--cudnn-benchmark", "cuDNN times its algorithms per shape and keeps the fastest (not deterministic)");
    public Option<bool?> Tf32 { get; } = Switch("--tf32", "TF32 tensor cores for float32 convolutions and matrix products");

    public IEnumerable<Option> All => [Deterministic, CudnnBenchmark, Tf32];

    /// <summary>The switches given; null where an option is absent.</summary>
    public BackendOverrides Read(ParseResult parse) => new(parse.GetValue(Deterministic), parse.GetValue(CudnnBenchmark), parse.GetValue(Tf32));

    /// <summary>Whether any of the options is on the command line.</summary>
    public bool Given(ParseResult parse) => All.Any(o => parse.GetResult(o) is { Implicit: false });

    private static Option<bool?> Switch(string name, string description) => new(name)
    {
        Description = $"{description} (true or false; default: the protocol's backends); part of the cell's fingerprint",
        Arity = ArgumentArity.ZeroOrOne,
    };
}
