using System.Text.Json.Nodes;
using CilBench.Core.BaseModels;
using CilBench.Core.Fingerprints;
using CilBench.Core.Plugins;
using CilBench.Core.Protocols;
using CilBench.Core.Results;
using CilBench.Torch;

namespace CilBench.Core.Runner;

/// <summary>One cell of a sweep: a protocol, a method, a budget point and a seed, on a device.</summary>
public sealed record RunRequest(Protocol Protocol, LoadedMethod Method, BudgetPoint Point, int Seed, Device Device, string OutputRoot)
{
    /// <summary>After every stage, rebuild a fresh learner from the saved state, check it predicts the same, go on with it.</summary>
    public bool Audit { get; init; } = true;

    /// <summary>Continue from the cell's last checkpoint, if there is one.</summary>
    public bool Resume { get; init; }

    public string CommandLine { get; init; } = Environment.CommandLine;

    /// <summary>The backend switches the cell runs with: the protocol's, unless the command line replaced some.</summary>
    public BackendSpec Backends { get; init; } = Protocol.Spec.Backends ?? new BackendSpec();

    /// <summary>DIR/&lt;protocol&gt;/&lt;method&gt;/&lt;budget&gt;/seed-&lt;S&gt;.json</summary>
    public string ResultPath => ResultPaths.For(OutputRoot, Protocol.Name, Method.Name, Point.Name, Seed);

    /// <summary>The method's defaults merged with the protocol's overrides for this point.</summary>
    public JsonObject HyperParameters => field ??= Protocol.HyperParametersFor(Method.Name, Method.Method.DefaultHyperParameters, Point);

    /// <summary>The budget point as it applies to this method.</summary>
    public BudgetInfo Budget => new()
    {
        Name = Point.Name,
        Policy = Point.Policy.Name(),
        Bytes = Point.Bytes,
        Exemplars = Point.Policy switch
        {
            MemoryPolicy.FixedTotal => Point.TotalExemplars,
            MemoryPolicy.Exemplars => Point.ExemplarsFor(Method.Name),
            _ => null,
        },
        PerClass = Point.PerClass,
    };

    /// <summary>
    /// What the shared first-task model of this cell is trained from, when the protocol shares one and the method uses
    /// it; null otherwise.
    /// </summary>
    public BaseModelKey? BaseModelKey(int threads) =>
        Protocol.SharesBaseModel && Method.Method.UsesBaseModel
            ? BaseModels.BaseModelKey.For(Protocol, FirstTaskRecipe.From(HyperParameters, Method.Name), Seed, Device.ToString(), threads,
                Backends, torch.__version__, HarnessBuild.Current)
            : null;

    /// <summary>The cell's fingerprint when it runs with <paramref name="threads"/> libtorch threads.</summary>
    public CellFingerprint Fingerprint(int threads) => CellFingerprint.Of(new FingerprintComponents(
        Protocol.Sha256,
        Method.Closure,
        HarnessBuild.Current,
        (JsonObject)HyperParameters.DeepClone(),
        System.Text.Json.JsonSerializer.SerializeToNode(Budget, ResultJson.Options)!.AsObject(),
        Seed,
        Device.ToString(),
        threads,
        torch.__version__,
        BaseModelKey(threads)?.Value,
        Backends));
}

public static class ResultPaths
{
    public static string For(string root, string protocol, string method, string budget, int seed) =>
        Path.Combine(root, protocol, method, budget, $"seed-{seed}.json");

    /// <summary>The folder holding a cell's latest checkpoint.</summary>
    public static string Checkpoint(string resultPath) => Path.ChangeExtension(resultPath, ".checkpoint");

    /// <summary>The cell's own working directory (`cilbench run` runs there, so files a plugin writes stay with its cell).</summary>
    public static string WorkingDirectory(string resultPath) => Path.ChangeExtension(resultPath, ".work");
}
