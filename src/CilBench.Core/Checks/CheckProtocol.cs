using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CilBench.Abstractions;
using CilBench.Core.Protocols;

namespace CilBench.Core.Checks;

/// <summary>
/// The protocol <c>cilbench check</c> uses unless given one: Split Fashion-MNIST in three tasks (4 + 3 + 3 classes),
/// 40 training and 20 test images per class, under a byte budget of 1 MB (it binds a model that grows, as MEMO's, on
/// resnet8; a single resnet8, 0.3 MB, keeps every training image), so every stage is audited and budgeted in seconds.
/// Training is cut short where the method's hyper-parameters allow it: every integer hyper-parameter whose name ends
/// in "epochs" is set to 1, and "backbone" to resnet8. The contract does not depend on how long a method trains.
/// </summary>
public static class CheckProtocol
{
    public const string Where = "built-in check protocol";

    private const string Json = """
        {
          "name": "check",
          "description": "cilbench check: Split Fashion-MNIST 4 + 3 + 3 classes, 40 training and 20 test images per class",
          "dataset": { "name": "fmnist", "subset": { "trainPerClass": 40, "testPerClass": 20 } },
          "classOrder": { "seed": 1993 },
          "initialClasses": 4,
          "increment": 3,
          "augmentation": { "mean": [0.286], "std": [0.353] },
          "memory": { "policy": "budget", "points": [ { "name": "b1mb", "megabytes": 1 } ] },
          "evaluation": { "batchSize": 64 },
          "seeds": [1993]
        }
        """;

    /// <summary>The built-in protocol, with <paramref name="method"/>'s training cut short.</summary>
    public static Protocol For(IMethod method, ProtocolLoader loader)
    {
        var spec = JsonNode.Parse(Json)!.AsObject();
        spec["methods"] = new JsonObject { [method.Name] = Shortened(method.DefaultHyperParameters) };
        return loader.Parse(Encoding.UTF8.GetBytes(spec.ToJsonString()), Where);
    }

    /// <summary>The overrides that cut training short; none when the defaults are not a JSON object (a check fails on that).</summary>
    private static JsonObject Shortened(string defaults)
    {
        var overrides = new JsonObject();
        JsonObject? parsed;
        try
        {
            parsed = JsonNode.Parse(defaults) as JsonObject;
        }
        catch (JsonException)
        {
            return overrides;
        }
        foreach (var (key, value) in parsed ?? [])
        {
            if (value is null) continue;
            if (key.EndsWith("epochs", StringComparison.OrdinalIgnoreCase) && value.GetValueKind() == JsonValueKind.Number)
                overrides[key] = 1;
            else if (key == "backbone" && value.GetValueKind() == JsonValueKind.String)
                overrides[key] = "resnet8";
        }
        return overrides;
    }
}
