namespace CilBench.Torch.Tests;

using F = torch.nn.functional;
using nn = torch.nn;

/// <summary>End to end: a small CNN trained with SGD learns a task it can separate.</summary>
public class TrainingTests
{
    [Fact]
    public void SmallCnnLearnsHorizontalVersusVerticalBars()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(0); // the layers' default init draws from the default generator
        using var g = new Generator(0);
        const int n = 64, size = 8;
        // Class 0: one bright row, class 1: one bright column, at random positions, in noise.
        var images = torch.randn([n, 1, size, size], g).mul_(0.3);
        var labels = new long[n];
        var positions = torch.randint(0, size, [n], g).data<long>();
        for (var i = 0; i < n; i++)
        {
            labels[i] = i % 2;
            var image = images.select(0, i).select(0, 0);
            (labels[i] == 0 ? image.select(0, positions[i]) : image.select(1, positions[i])).add_(2);
        }
        var y = torch.tensor(labels);

        using var model = new nn.Sequential(
            new nn.Conv2d(1, 8, 3, padding: 1), new nn.BatchNorm2d(8), new nn.ReLU(), new nn.MaxPool2d(2),
            new nn.Conv2d(8, 8, 3, padding: 1), new nn.BatchNorm2d(8), new nn.ReLU(), new nn.AdaptiveAvgPool2d(1),
            new nn.Flatten(), new nn.Linear(8, 2));
        using var opt = new torch.optim.SGD(model.parameters(), lr: 0.05, momentum: 0.9);

        double first = 0, last = 0;
        for (var step = 0; step < 150; step++)
        {
            using var stepScope = torch.NewDisposeScope();
            opt.zero_grad();
            var loss = F.cross_entropy(model.call(images), y);
            loss.backward();
            opt.step();
            last = loss.item();
            if (step == 0) first = last;
        }
        Assert.True(last <= 0.1 * first, $"loss went from {first} to {last}");

        model.eval();
        using (torch.no_grad())
        {
            var predicted = model.call(images).argmax(1);
            Assert.True(predicted.eq(y).@float().mean().item() >= 0.95);
        }
    }
}
