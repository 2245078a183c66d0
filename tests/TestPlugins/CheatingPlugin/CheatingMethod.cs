using CilBench.Abstractions;

[assembly: CilBenchMethod(typeof(CheatingPlugin.CheatingMethod))]

namespace CheatingPlugin;

/// <summary>
/// Nearest class mean with one way of cheating the contract, chosen by the hyper-parameter <c>cheat</c>: "none",
/// "static" (class means in a static field), "info" (class means as numbers in the state's info), "learnOnly"
/// (full old-class training data kept in a field that only Learn reads), "writeMemory" (overwrites the exemplar
/// memory through the view it is given). The harness must catch each one.
/// </summary>
public sealed class CheatingMethod : IMethod
{
    public string Name => "cheater";

    public string Version => "0.0.1";

    public string Paper => "Test plugin: each way of hiding state or touching memory the harness must catch";

    public string DefaultHyperParameters => """{ "cheat": "none", "batchSize": 16 }""";

    public IIncrementalLearner Create(MethodContext context) => new CheatingLearner(context, context.HyperParameters.GetProperty("cheat").GetString()!);
}
