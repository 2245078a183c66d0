using System.Text.Json.Nodes;
using CilBench.Abstractions;
using CilBench.Plugins.Finetune;
using CilBench.Plugins.Grace;
using CilBench.Plugins.ICaRL;
using CilBench.Plugins.Memo;
using CilBench.Plugins.Replay;
using CilBench.Plugins.WA;

namespace CilBench.Plugins.Tests;

/// <summary>
/// Every plugin's default recipe against the constants of the file it follows, copied here from that file:
/// PyCIL models/finetune.py, models/replay.py, models/icarl.py, models/wa.py and exps/memo.json; GRACE's
/// models/grace.py and exps/grace_cifar100_b0i10.json.
/// </summary>
public class RecipeDefaultsTests
{
    // init_epoch, init_lr, init_milestones, init_weight_decay, epochs, lrate, milestones, weight_decay, batch_size.
    public static TheoryData<string, int, double, int[], double, int, double, int[], double, int> Sources => new()
    {
        { "finetune", 200, 0.1, [60, 120, 170], 5e-4, 80, 0.1, [40, 70], 2e-4, 128 },
        { "replay", 200, 0.1, [60, 120, 170], 5e-4, 70, 0.1, [30, 50], 2e-4, 128 },
        { "icarl", 200, 0.1, [60, 120, 170], 5e-4, 170, 0.1, [80, 120], 2e-4, 128 },
        { "wa", 200, 0.1, [60, 120, 170], 5e-4, 170, 0.1, [60, 100, 140], 2e-4, 128 },
        { "memo", 200, 0.1, [60, 120, 170], 5e-4, 170, 0.1, [80, 120, 150], 2e-4, 128 },
        { "grace", 200, 0.1, [60, 120, 170], 5e-4, 170, 0.1, [80, 120, 150], 2e-4, 128 },
    };

    private static readonly IMethod[] Methods = [new FinetuneMethod(), new ReplayMethod(), new ICaRLMethod(), new WAMethod(), new MemoMethod(), new GraceMethod()];

    [Theory]
    [MemberData(nameof(Sources))]
    public void DefaultsAreTheSourceConstants(string method, int initEpochs, double initLr, int[] initMilestones, double initWeightDecay,
        int epochs, double lr, int[] milestones, double weightDecay, int batchSize)
    {
        var json = JsonNode.Parse(Methods.Single(m => m.Name == method).DefaultHyperParameters)!.AsObject();

        Assert.Equal((initEpochs, initLr, initWeightDecay), (Int(json, "initEpochs"), Real(json, "initLr"), Real(json, "initWeightDecay")));
        Assert.Equal(initMilestones, Ints(json, "initMilestones"));
        Assert.Equal((epochs, lr, weightDecay, batchSize), (Int(json, "epochs"), Real(json, "lr"), Real(json, "weightDecay"), Int(json, "batchSize")));
        Assert.Equal(milestones, Ints(json, "milestones"));
        Assert.Equal((0.1, 0.1, 0.9, "multistep"), (Real(json, "initLrDecay"), Real(json, "lrDecay"), Real(json, "momentum"), json["scheduler"]!.GetValue<string>()));
        Assert.Equal("resnet32", json["backbone"]!.GetValue<string>());
    }

    [Fact]
    public void MethodSpecificDefaultsAreTheSourceConstants()
    {
        var icarl = JsonNode.Parse(new ICaRLMethod().DefaultHyperParameters)!;
        var wa = JsonNode.Parse(new WAMethod().DefaultHyperParameters)!;
        var memo = JsonNode.Parse(new MemoMethod().DefaultHyperParameters)!;
        var grace = JsonNode.Parse(new GraceMethod().DefaultHyperParameters)!.AsObject();

        Assert.Equal((2.0, 2.0), (Real(icarl, "temperature"), Real(wa, "temperature"))); // T = 2
        Assert.Equal((1.0, true), (Real(memo, "alphaAux"), memo["trainBase"]!.GetValue<bool>()));
        Assert.Equal((0.6, 0.96, 5.0, 0.4, 1.6, 2.0),
            (Real(grace, "tBase"), Real(grace, "tDecay"), Real(grace, "preservationExponent"), Real(grace, "cKdFactor"), Real(grace, "cPredFactor"), Real(grace, "kdTemperature")));
        Assert.Equal((130, 0.1, 2e-4), (Int(grace, "compressEpochs"), Real(grace, "compressLr"), Real(grace, "compressWeightDecay")));
    }

    private static int Int(JsonNode json, string key) => json[key]!.GetValue<int>();

    private static double Real(JsonNode json, string key) => json[key]!.GetValue<double>();

    private static int[] Ints(JsonNode json, string key) => json[key]!.AsArray().Select(v => v!.GetValue<int>()).ToArray();
}
