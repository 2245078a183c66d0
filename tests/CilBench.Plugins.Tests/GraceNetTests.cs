using CilBench.Plugins.Grace;
using CilBench.Torch;

namespace CilBench.Plugins.Tests;

public class GraceNetTests
{
    [Fact]
    public void EachTaskAddsAWholeBackboneCopiedFromTheNewest()
    {
        using var scope = torch.NewDisposeScope();
        using var net = new GraceNet("resnet8", 1, Device.CPU, seed: 1);
        net.Grow(2);
        net.Grow(4);
        net.Grow(6);
        Assert.Equal(3, net.Convnets.Count);
        Assert.Equal([2, 2, 2], net.ConvClasses);
        Assert.Equal((64L * 3, 6L), (net.Fc!.InFeatures, net.Fc.OutFeatures));
        var (a, b) = (net.Convnets[1].state_dict(), net.Convnets[2].state_dict());
        Assert.All(a, kv => Assert.True(kv.Value.equal(b[kv.Key]), kv.Key));
    }

    [Fact]
    public void TheStudentMergesTheTwoNewestAndKeepsTheOlderOnes()
    {
        using var scope = torch.NewDisposeScope();
        using var teacher = new GraceNet("resnet8", 1, Device.CPU, seed: 1);
        teacher.Grow(2);
        teacher.Grow(4);
        teacher.Grow(6);
        // Make the two newest differ, as training would.
        using (torch.no_grad())
            foreach (var p in teacher.Convnets[2].parameters()) p.add_(1.0);

        using var student = teacher.Student(0.6);

        Assert.Equal(2, student.Convnets.Count);
        // The merged backbone inherits both backbones' classes (GRACE's conv_classes).
        Assert.Equal([2, 4], student.ConvClasses);
        Assert.Equal((64L * 2, 6L), (student.Fc!.InFeatures, student.Fc.OutFeatures));
        var (kept, old) = (student.Convnets[0].state_dict(), teacher.Convnets[0].state_dict());
        Assert.All(old, kv => Assert.True(kv.Value.equal(kept[kv.Key]), kv.Key));
        var merged = student.Convnets[1].named_parameters().ToDictionary(x => x.name, x => x.parameter);
        var (o, n) = (teacher.Convnets[1].named_parameters().ToList(), teacher.Convnets[2].named_parameters().ToList());
        for (var i = 0; i < o.Count; i++)
            Assert.True(merged[o[i].name].allclose(o[i].parameter * 0.6 + n[i].parameter * 0.4, 1e-5, 1e-7), o[i].name);
    }
}
