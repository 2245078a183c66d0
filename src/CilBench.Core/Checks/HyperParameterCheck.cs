using System.Text.Json.Nodes;
using CilBench.Abstractions;
using CilBench.Core.Plugins;
using CilBench.Core.Protocols;

namespace CilBench.Core.Checks;

/// <summary>
/// <see cref="ContractCheck.HyperParameters"/>: the defaults are a JSON object the protocol can override key by key,
/// <c>Create</c> accepts the merged object, and it refuses a key it does not know, so a misspelt protocol key cannot
/// be ignored without a word.
/// </summary>
internal static class HyperParameterCheck
{
    public const string UnknownKey = "cilbenchCheckUnknownKey";

    /// <param name="loaded">The checked method.</param>
    /// <param name="protocol">The check's protocol.</param>
    /// <param name="point">Its budget point.</param>
    /// <param name="context">The run's context with the given hyper-parameters.</param>
    public static CheckResult Run(LoadedMethod loaded, Protocol protocol, BudgetPoint point, Func<JsonObject, MethodContext> context)
    {
        var method = loaded.Method;
        JsonObject merged;
        try
        {
            merged = protocol.HyperParametersFor(method.Name, method.DefaultHyperParameters, point);
        }
        catch (ProtocolException e)
        {
            return CheckResult.Fail(ContractCheck.HyperParameters, e.Message);
        }
        if (Create(method, context(merged)) is { } refused)
            return CheckResult.Fail(ContractCheck.HyperParameters, $"Create refused the hyper-parameters {merged.ToJsonString()}: {refused}");

        var withUnknown = (JsonObject)merged.DeepClone();
        withUnknown[UnknownKey] = 1;
        if (Create(method, context(withUnknown)) is null)
            return CheckResult.Fail(ContractCheck.HyperParameters,
                $"Create accepted the unknown hyper-parameter '{UnknownKey}': a misspelt key in a protocol would be ignored without a word " +
                "(CilBench.Learning's OptionsJson.Read refuses unknown keys)");

        var defaults = JsonNode.Parse(method.DefaultHyperParameters)!.AsObject();
        var overridden = merged.Where(kv => !JsonNode.DeepEquals(kv.Value, defaults[kv.Key])).Select(kv => kv.Key).ToList();
        var overrides = overridden.Count == 0 ? "none" : string.Join(", ", overridden);
        return CheckResult.Pass(ContractCheck.HyperParameters,
            $"{merged.Count} keys (set by the protocol: {overrides}); Create accepts them and refuses an unknown key");
    }

    /// <summary>Null when Create succeeded (the learner is disposed at once), else what it threw.</summary>
    private static string? Create(IMethod method, MethodContext context)
    {
        try
        {
            method.Create(context).Dispose();
            return null;
        }
        catch (Exception e)
        {
            return $"{e.GetType().Name}: {e.Message}";
        }
    }
}
