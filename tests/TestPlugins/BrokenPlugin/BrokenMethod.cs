using System.Text.Json;
using CilBench.Abstractions;

[assembly: CilBenchMethod(typeof(BrokenPlugin.BrokenMethod))]

namespace BrokenPlugin;

/// <summary>
/// A nearest-class-mean method that breaks the contract in the one way its "defect" hyper-parameter names ("none":
/// it keeps it), so each contract check of `cilbench check` can be shown to catch its own kind of breach.
/// </summary>
public sealed class BrokenMethod : IMethod
{
    public static readonly string[] Defects =
    [
        "none", "lenient", "throws-in-learn", "hidden-state", "nan-scores", "batch-peek", "grows-in-predict", "unseeded",
        "duplicate-ranking", "ranking-out-of-range", "over-budget",
    ];

    public string Name => "broken";

    public string Version => "1.0.0";

    public string Paper => "none: a test plugin for cilbench check";

    public string DefaultHyperParameters => """{ "batch_size": 64, "defect": "none" }""";

    public IIncrementalLearner Create(MethodContext context)
    {
        var hyper = context.HyperParameters;
        var defect = hyper.GetProperty("defect").GetString()!;
        if (!Defects.Contains(defect)) throw new ArgumentException($"broken: unknown defect '{defect}'");
        // Every defect but "lenient" refuses unknown keys, as OptionsJson does.
        var unknown = hyper.EnumerateObject().Select(p => p.Name).Except(["batch_size", "defect"]).FirstOrDefault();
        if (unknown is not null && defect != "lenient") throw new ArgumentException($"broken: unknown hyper-parameter '{unknown}'");
        return new BrokenLearner(context, hyper.GetProperty("batch_size").GetInt32(), defect);
    }
}
