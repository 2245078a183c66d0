using CilBench.Plugins.Finetune;
using CilBench.Plugins.Joint;
using CilBench.Plugins.Replay;

namespace CilBench.Plugins.Tests;

/// <summary>End to end through the harness on a Split Fashion-MNIST subset: the reference rows behave as bounds.</summary>
public class ReferenceMethodsTests
{
    [FashionMnistFact]
    public void ReplayBeatsFinetuneAndKeepsItsMemoryWithinCapacity()
    {
        var protocol = PluginHarness.FashionMnistProtocol();
        var finetune = PluginHarness.Run(new FinetuneMethod(), protocol);
        var replay = PluginHarness.Run(new ReplayMethod(), protocol);

        var ft = finetune.Summary["cnn"].AverageIncrementalAccuracy;
        var rp = replay.Summary["cnn"].AverageIncrementalAccuracy;
        Assert.True(rp > ft + 5, $"replay {rp:F2} should beat finetune {ft:F2} by a clear margin");
        // Finetune keeps nothing; replay fills the 200-exemplar memory (quota 200 / seen classes per class).
        Assert.All(finetune.Stages, s => Assert.Equal(0, s.Memory.Exemplars));
        Assert.All(replay.Stages, s => Assert.Equal(200 / s.ClassesSeen * s.ClassesSeen, s.Memory.Exemplars));
        Assert.All(replay.Stages, s => Assert.Equal(s.Memory.Exemplars * 28 * 28, s.Memory.ExemplarBytes));
    }

    [FashionMnistFact]
    public void JointIsAReferenceThatKeepsEverySample()
    {
        var joint = PluginHarness.Run(new JointMethod(), PluginHarness.FashionMnistProtocol(trainPerClass: 60, testPerClass: 50,
            recipe: """{ "backbone": "resnet8", "initEpochs": 2, "initMilestones": [1], "epochs": 2, "milestones": [1], "batchSize": 32 }"""));
        Assert.True(joint.Method.Reference);
        // After each task the memory holds all training samples of the seen classes.
        Assert.All(joint.Stages, s => Assert.Equal(60 * s.ClassesSeen, s.Memory.Exemplars));
    }
}
