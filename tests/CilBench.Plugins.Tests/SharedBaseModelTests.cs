using CilBench.Abstractions;
using CilBench.Core.Results;
using CilBench.Plugins.Finetune;
using CilBench.Plugins.Grace;
using CilBench.Plugins.ICaRL;
using CilBench.Plugins.Memo;
using CilBench.Plugins.WA;

namespace CilBench.Plugins.Tests;

/// <summary>
/// <c>baseModel: "shared"</c>: the first task is trained once and every method loads it, so all start the second
/// task from the same model (MEMO's and GRACE's common task-0 checkpoint).
/// </summary>
public sealed class SharedBaseModelTests : IDisposable
{
    private const string Recipe = """{ "backbone": "resnet8", "initEpochs": 2, "initMilestones": [1], "epochs": 1, "milestones": [1], "batchSize": 32 }""";
    private readonly string output = Directory.CreateTempSubdirectory("cilbench-base-").FullName;

    public void Dispose() => Directory.Delete(output, recursive: true);

    private static string Protocol(string? baseModel) =>
        PluginHarness.FashionMnistProtocol(trainPerClass: 60, testPerClass: 40, recipe: Recipe, baseModel: baseModel);

    private RunResult Shared(IMethod method) => PluginHarness.Run(method, Protocol("shared"), output: output);

    private static double FirstTaskTop1(RunResult r) => r.Stages[0].Heads.First().Value.Top1;

    [FashionMnistFact]
    public void EveryMethodStartsFromTheOneModelTrainedOnce()
    {
        var icarl = Shared(new ICaRLMethod());
        var wa = Shared(new WAMethod());
        var memo = Shared(new MemoMethod());
        var grace = Shared(new GraceMethod());
        // Finetune's own first task, without sharing, is the very training the shared model had.
        var finetune = PluginHarness.Run(new FinetuneMethod(), Protocol(null));

        var store = Path.Combine(output, "base-models");
        var model = Assert.Single(Directory.GetFiles(store, "*.safetensors"));
        Assert.Single(Directory.GetFiles(store, "*.json"));
        var sha = Path.GetFileNameWithoutExtension(model);
        foreach (var r in new[] { icarl, wa, memo, grace })
        {
            Assert.Equal(sha, r.BaseModel?.Sha256);
            Assert.Equal(r.BaseModel!.Key, r.Fingerprint.Components.BaseModel);
            // The same first-task network: the same predictions (MEMO's cut of it, GRACE's first backbone included).
            Assert.Equal(FirstTaskTop1(finetune), FirstTaskTop1(r));
        }
        Assert.Null(finetune.BaseModel);
        Assert.Null(finetune.Fingerprint.Components.BaseModel);
        // The group fingerprint leaves the base model out (it follows from the seed), the cell fingerprint does not.
        Assert.NotEqual(finetune.Fingerprint.Cell, PluginHarness.Run(new FinetuneMethod(), Protocol("shared"), output: output).Fingerprint.Cell);
    }
}
