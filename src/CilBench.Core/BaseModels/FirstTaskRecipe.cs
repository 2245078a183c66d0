using System.Text.Json;
using System.Text.Json.Nodes;
using CilBench.Core.Protocols;
using CilBench.Learning.Training;

namespace CilBench.Core.BaseModels;

/// <summary>What the shared first-task model is trained with: a cell's backbone and its first-task hyper-parameters.</summary>
/// <param name="Backbone">Backbone name.</param>
/// <param name="Recipe">The first task's optimisation recipe.</param>
public sealed record FirstTaskRecipe(string Backbone, TrainRecipe Recipe)
{
    /// <summary>The keys read from a method's merged hyper-parameters (the shared names of StandardOptions).</summary>
    private static readonly string[] Keys =
        ["backbone", "initEpochs", "initLr", "initMilestones", "initLrDecay", "initWeightDecay", "batchSize", "momentum", "scheduler"];

    /// <summary>Keys that change the trained model when present (methods older than them train in fp32, contiguous).</summary>
    private static readonly string[] OptionalKeys = ["precision", "memoryFormat"];

    /// <exception cref="ProtocolException">The method lacks one of the keys a first-task recipe needs.</exception>
    public static FirstTaskRecipe From(JsonObject hyperParameters, string method)
    {
        var missing = Keys.Where(k => !hyperParameters.ContainsKey(k)).ToList();
        if (missing.Count > 0)
            throw new ProtocolException(
                $"baseModel \"shared\" needs the first-task recipe of method '{method}', whose hyper-parameters lack {string.Join(", ", missing)}");
        var subset = new JsonObject(Keys.Concat(OptionalKeys.Where(hyperParameters.ContainsKey))
            .Select(k => KeyValuePair.Create(k, hyperParameters[k]?.DeepClone())));
        var options = OptionsJson.Read<StandardOptions>(JsonSerializer.SerializeToElement(subset), method);
        return new FirstTaskRecipe(options.Backbone, options.InitRecipe);
    }
}
