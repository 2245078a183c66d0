using CilBench.Abstractions;
using CilBench.Core.Data;
using CilBench.Core.Scenario;
using CilBench.Core.Tests.Plugins;
using CilBench.Learning.Training;
using CilBench.Torch;
using F = CilBench.Torch.torch.nn.functional;
using nn = CilBench.Torch.torch.nn;

namespace CilBench.Core.Tests.Training;

/// <summary>
/// The training loop: its traffic with the host (a fixed number of reads and copies per epoch whatever its number
/// of steps, no tensor left to the finalizer, augmented batches identical to drawing at every batch) and its
/// precision and memory-format options. The counters are process-wide, so these tests run alone.
/// </summary>
[Collection(nameof(ProcessWideCounters))]
public class TrainerTests
{
    private static readonly AugmentationSpec Spec = new()
    {
        CropPadding = 2, Flip = true, Brightness = 0.25, Mean = [0.5, 0.4, 0.3], Std = [0.2, 0.25, 0.3],
    };

    private const int BatchSize = 4;

    private sealed class Transform(AugmentationSpec train) : IBatchTransform
    {
        public Tensor? Draw(IReadOnlyList<int> batchSizes, bool augment, Generator generator, Device device) =>
            AugmentationDraws.Draw(augment ? train : train.Deterministic, batchSizes, generator, device);

        public Tensor Apply(Tensor images, bool augment, Tensor? draws) =>
            Augmentation.Apply(augment ? train : train.Deterministic, images, draws);
    }

    private static ImageStore Store(int count, int seed)
    {
        using var g = new Generator((ulong)seed);
        using var drawn = torch.randint(0, 256, [count, 3, 8, 8], g);
        var images = drawn.to(ScalarType.UInt8);
        var labels = Enumerable.Range(0, count).Select(i => i % 3).ToArray();
        return new ImageStore(images, labels, new Transform(Spec));
    }

    private static TaskContext Task(IDataView data) => new()
    {
        TaskIndex = 0, TaskCount = 1, KnownClasses = 0, TotalClasses = 3, NewData = data, TrainData = data,
        Memory = new EmptyMemory(data), Seed = 5, Progress = new Progress<TrainingProgress>(),
    };

    private static nn.Sequential Net()
    {
        torch.manual_seed(3);
        return new nn.Sequential(new nn.Conv2d(3, 4, 3, padding: 1), new nn.ReLU(), new nn.AdaptiveAvgPool2d(1), new nn.Flatten(), new nn.Linear(4, 3));
    }

    /// <summary>Trains <paramref name="model"/> on <paramref name="steps"/> batches per epoch; returns the transfers it made.</summary>
    private static TransferCounts Train(nn.Sequential model, int steps, int epochs, string precision = "fp32", string memoryFormat = "contiguous",
        Action<Tensor>? seeLogits = null)
    {
        using var store = Store(steps * BatchSize, steps);
        var data = store.All();
        var recipe = new TrainRecipe(epochs, 0.05, [], 0.1, 5e-4, BatchSize, Precision: precision, MemoryFormat: memoryFormat);
        var before = torch.transfer_counts();
        Trainer.Run("train", model.parameters(), recipe, data, Task(data), batch =>
        {
            var logits = model.call(batch.Images);
            seeLogits?.Invoke(logits);
            return new StepOutput(F.cross_entropy(logits, batch.Labels), logits);
        });
        return torch.transfer_counts() - before;
    }

    private static TransferCounts Train(int steps, int epochs)
    {
        using var model = Net();
        return Train(model, steps, epochs);
    }

    [Fact]
    public void Bf16PrecisionRunsTheForwardInBFloat16AndKeepsFloat32Parameters()
    {
        using var model = Net();
        var dtypes = new HashSet<ScalarType>();
        Train(model, 3, 1, precision: "bf16", seeLogits: l => dtypes.Add(l.dtype));
        Assert.Equal([ScalarType.BFloat16], dtypes);
        Assert.All(model.parameters(), p => Assert.Equal(ScalarType.Float32, p.dtype));
        using var scope = torch.NewDisposeScope();
        Assert.All(model.parameters(), p => Assert.True(p.isfinite().all().item<bool>()));
    }

    [Theory]
    [InlineData("channels_last")]
    [InlineData("auto")] // on the CPU
    public void ChannelsLastTrainsTheSameNetworkUpToFloatRoundingAndLeavesItContiguous(string memoryFormat)
    {
        using var plain = Net();
        using var nhwc = Net();
        Train(plain, 4, 2);
        var conv = nhwc.parameters().First();
        var layouts = new HashSet<bool>();
        Train(nhwc, 4, 2, memoryFormat: memoryFormat, seeLogits: _ => layouts.Add(conv.is_channels_last()));
        Assert.Equal([true], layouts);
        Assert.True(conv.is_contiguous() && !conv.is_channels_last());
        foreach (var (a, b) in plain.parameters().Zip(nhwc.parameters()))
        {
            using var scope = torch.NewDisposeScope();
            Assert.True(a.allclose(b, rtol: 1e-4, atol: 1e-5), $"{a} differs beyond float rounding");
        }
    }

    [Fact]
    public void UnknownPrecisionOrMemoryFormatIsRefused()
    {
        using var model = Net();
        var e = Assert.Throws<ArgumentException>(() => Train(model, 1, 1, precision: "fp16"));
        Assert.Contains("unknown precision 'fp16'", e.Message);
        e = Assert.Throws<ArgumentException>(() => Train(model, 1, 1, memoryFormat: "nhwc"));
        Assert.Contains("unknown memoryFormat 'nhwc'", e.Message);
    }

    [Fact]
    public void ReadsAndCopiesPerEpochDoNotGrowWithTheSteps()
    {
        Train(1, 1);  // puts the normalisation constants on the device, once per process
        var few = Train(4, 1);
        var many = Train(16, 1);
        Assert.Equal(few, many);
        // Per epoch: the mean loss and accuracy in one read; the order's store positions and labels in two copies (on
        // the CPU the augmentation's draws are made where they are used, so they cross nothing).
        Assert.Equal(new TransferCounts(1, 2), many);
        Assert.Equal(new TransferCounts(3, 6), Train(16, 3));
    }

    [Fact]
    public void NoTensorOfTheTrainingLoopIsLeftToTheFinalizer()
    {
        Train(1, 1);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = torch.FinalizedTensorCount;
        var live = torch.LiveTensorCount;
        Train(6, 2);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        Assert.Equal(before, torch.FinalizedTensorCount);
        Assert.Equal(live, torch.LiveTensorCount);
    }

    [Fact]
    public void FinalizedTensorsAreCounted()
    {
        // The counter's own check: a tensor nobody disposes is counted when the garbage collector frees it.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = torch.FinalizedTensorCount;
        Abandon();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        Assert.Equal(before + 1, torch.FinalizedTensorCount);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void Abandon() => _ = torch.ones([1]).DetachFromDisposeScope();

    [Fact]
    public void EpochDrawsGiveTheBatchesThatDrawingAtEachBatchGives()
    {
        // The definition: one generator per pass seeded with the pass's seed, each batch augmented in turn from it.
        using var store = Store(10, 7);
        var view = store.All();
        var options = new BatchOptions(BatchSize, Shuffle: true, Augment: true, Seed: 11);
        using var generator = new Generator(11);
        foreach (var batch in view.Batches(options))
            using (batch)
            using (var scope = torch.NewDisposeScope())
            {
                var positions = batch.Positions.Select(p => view.StorePositions[(int)p]).ToArray();
                var expected = Augmentation.Apply(Spec, store.Gather(positions), generator);
                Assert.Equal(expected.bytes(), batch.Images.bytes());
                Assert.Equal(positions.Select(p => (long)store.Labels[p]), batch.Labels.data<long>());
            }
    }
}

[CollectionDefinition(nameof(ProcessWideCounters), DisableParallelization = true)]
public sealed class ProcessWideCounters;
