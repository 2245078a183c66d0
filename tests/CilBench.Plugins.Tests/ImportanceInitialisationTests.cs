using CilBench.Learning.Backbones;
using CilBench.Plugins.Grace;
using CilBench.Torch;

namespace CilBench.Plugins.Tests;

public class ImportanceInitialisationTests
{
    [Fact]
    public void WorkedCifarB0Inc10Case()
    {
        // Task 1 of CIFAR-100 B0Inc10: each backbone holds 10 classes (pi = 0.5); 500 samples per new class against
        // 2000 / 10 = 200 exemplars per old class (b = 500 / 700).
        var w = ImportanceInitialisation.Weight(0.5, 500.0 / 700, 5);
        Assert.Equal(0.641, w, 3);
    }

    [Fact]
    public void EqualSharesGiveThatShare() => Assert.Equal(0.3, ImportanceInitialisation.Weight(0.3, 0.3, 5), 12);

    [Fact]
    public void BlendWeighsTheOlderTensorByW()
    {
        using var scope = torch.NewDisposeScope();
        var older = torch.tensor(new float[,] { { 1, 2 }, { 3, 4 } });
        var newest = torch.tensor(new float[,] { { 5, 6 }, { 7, 8 } });
        var blended = ImportanceInitialisation.Blend(older, newest, 0.25);
        Assert.Equal(new float[] { 4, 5, 6, 7 }, blended.data<float>());
    }

    [Fact]
    public void StudentParametersAreBlendedAndItsStatisticsFresh()
    {
        using var scope = torch.NewDisposeScope();
        using var older = BackboneRegistry.Create("resnet8", 1);
        using var newest = BackboneRegistry.Create("resnet8", 1);
        using var student = BackboneRegistry.Create("resnet8", 1);
        // Give the teachers running statistics, so that fresh ones in the student are visible.
        older.train();
        newest.train();
        using (torch.no_grad())
        {
            older.forward(torch.randn([4, 1, 28, 28]));
            newest.forward(torch.randn([4, 1, 28, 28]));
        }

        ImportanceInitialisation.Apply(student, older, newest, 0.641);

        var (s, o, n) = (student.named_parameters().ToList(), older.named_parameters().ToList(), newest.named_parameters().ToList());
        for (var i = 0; i < s.Count; i++)
            Assert.True(s[i].parameter.allclose(o[i].parameter * 0.641 + n[i].parameter * (1 - 0.641), 1e-5, 1e-7), s[i].name);
        foreach (var (name, buffer) in student.named_buffers())
        {
            var expected = name.EndsWith("running_var") ? 1 : 0;
            Assert.True(buffer.eq(expected).all().item<bool>(), name);
        }
    }
}
