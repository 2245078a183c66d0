using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CilBench.Core.Fingerprints;
using CilBench.Core.Protocols;
using CilBench.Core.Results;

namespace CilBench.Core.BaseModels;

/// <summary>
/// What a shared first-task model is trained from, and its hash: the dataset and its subset, the first task's classes
/// in order, the augmentation, the backbone and the first-task recipe, the seed, and what makes runs differ in floats
/// (device, threads, backend switches, libtorch, the harness build). Protocols that agree on all of it share the model.
/// </summary>
/// <param name="Value">SHA-256 (hex) of the canonical JSON of <paramref name="Inputs"/>.</param>
/// <param name="Inputs">The inputs.</param>
public sealed record BaseModelKey(string Value, JsonObject Inputs)
{
    public static BaseModelKey For(Protocol protocol, FirstTaskRecipe recipe, int seed, string device, int threads, BackendSpec backends,
        string libtorch, HarnessBuild harness)
    {
        var inputs = new JsonObject
        {
            ["dataset"] = JsonSerializer.SerializeToNode(protocol.Spec.Dataset, ResultJson.Options),
            ["firstTaskClasses"] = new JsonArray([.. protocol.Tasks[0].Select(c => (JsonNode)c)]),
            ["augmentation"] = JsonSerializer.SerializeToNode(protocol.Spec.Augmentation, ResultJson.Options),
            ["backbone"] = recipe.Backbone,
            ["recipe"] = JsonSerializer.SerializeToNode(recipe.Recipe, ResultJson.Options),
            ["seed"] = seed,
            ["device"] = device,
            ["threads"] = threads,
            ["backends"] = JsonSerializer.SerializeToNode(backends, ResultJson.Options),
            ["libtorch"] = libtorch,
            ["harness"] = JsonSerializer.SerializeToNode(harness, ResultJson.Options),
        };
        var value = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(CanonicalJson.Write(inputs))));
        return new BaseModelKey(value, inputs);
    }
}
