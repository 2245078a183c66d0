namespace CilBench.Cli.Tests;

/// <summary>Protocol files small enough to run a real plugin end to end in seconds.</summary>
internal static class TinyProtocols
{
    public static bool FashionMnistPresent => File.Exists("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz");

    /// <summary>Split Fashion-MNIST B0Inc2 (5 tasks) on 40/20 images a class, ResNet8, 2 epochs a task, 100 exemplars.</summary>
    public static string FashionMnist(string name = "fmnist-tiny", string? methods = null, string seeds = "[1993]", string recipe = "") => $$"""
        {
          "name": "{{name}}",
          "dataset": { "name": "fmnist", "subset": { "trainPerClass": 40, "testPerClass": 20 } },
          "classOrder": { "seed": 1993 },
          "initialClasses": 2,
          "increment": 2,
          "augmentation": { "mean": [0.286], "std": [0.353] },
          "memory": { "policy": "fixed-total", "points": [ { "name": "m100", "exemplars": 100 } ] },
          "recipe": { "backbone": "resnet8", "initEpochs": 2, "initMilestones": [1], "epochs": 2, "milestones": [1], "batchSize": 32{{recipe}} },
          "methods": {{methods ?? "{}"}},
          "seeds": {{seeds}}
        }
        """;
}
