using CilBench.Learning.Networks;
using CilBench.Torch;
using F = CilBench.Torch.torch.nn.functional;

namespace CilBench.Learning.Tests;

public class IncrementalNetTests
{
    [Fact]
    public void CopyHasEqualButIndependentTensors()
    {
        using var scope = torch.NewDisposeScope();
        using var net = Net();
        using var copy = net.Copy();
        var original = Snapshot(net);
        Assert.All(copy.state_dict(), kv => Assert.True(kv.Value.equal(original[kv.Key]), kv.Key));

        using (torch.no_grad())
            foreach (var p in copy.parameters())
                p.fill_(0);
        Assert.All(net.state_dict(), kv => Assert.True(kv.Value.equal(original[kv.Key]), kv.Key));
    }

    [Fact]
    public void AFrozenTeacherStaysBitIdenticalWhileTheStudentTrains()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(3);
        using var student = Net();
        using var teacher = student.Copy().Freeze();
        var start = Snapshot(teacher);
        Assert.All(teacher.parameters(), p => Assert.False(p.requires_grad));

        // A few steps of distillation as iCaRL takes them: the teacher runs forward on every batch.
        student.UpdateFc(5);
        student.train();
        using var optimizer = new torch.optim.SGD(student.parameters(), 0.1, momentum: 0.9, weight_decay: 5e-4);
        for (var step = 0; step < 3; step++)
        {
            using var stepScope = torch.NewDisposeScope();
            var x = torch.randn([8, 1, 16, 16]);
            var (_, logits) = student.Forward(x);
            Tensor old;
            using (torch.no_grad()) old = teacher.Forward(x).logits;
            var loss = F.cross_entropy(logits, torch.randint(0, 5, [8])) + Losses.KnowledgeDistillation.PyCilLoss(logits.narrow(1, 0, 3), old, 2);
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
        }

        Assert.All(teacher.state_dict(), kv => Assert.True(kv.Value.equal(start[kv.Key]), kv.Key));
        // The student did move, its batch-norm statistics included.
        Assert.False(student.Backbone.state_dict()["conv_1_3x3.weight"].equal(start["backbone.conv_1_3x3.weight"]));
        Assert.False(student.Backbone.state_dict()["bn_1.running_mean"].equal(start["backbone.bn_1.running_mean"]));
    }

    private static IncrementalNet Net()
    {
        var net = new IncrementalNet("resnet8", 1, Device.CPU);
        net.UpdateFc(3);
        return net;
    }

    private static Dictionary<string, Tensor> Snapshot(IncrementalNet net) => net.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.clone());
}
