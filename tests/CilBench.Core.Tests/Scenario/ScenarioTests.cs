using System.Text;
using CilBench.Core.Protocols;
using CilBench.Core.Scenario;
using CilBench.Core.Tests.Protocols;
using CilBench.Torch;
using ScenarioOf = CilBench.Core.Scenario.Scenario;

namespace CilBench.Core.Tests.Scenario;

public class ScenarioTests
{
    // numpy: np.random.seed(1993); np.random.permutation(10) = [4, 2, 7, 6, 0, 3, 5, 8, 9, 1], so dataset class c
    // becomes incremental class Incremental[c].
    private static readonly Dictionary<int, int> Incremental = new()
    {
        [4] = 0, [2] = 1, [7] = 2, [6] = 3, [0] = 4, [3] = 5, [5] = 6, [8] = 7, [9] = 8, [1] = 9,
    };

    // Training file order; the sample at file index i is filled with i. Classes 2 and 4 have a third sample.
    private static readonly int[] TrainFile = [2, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 4];
    private static readonly int[] TestFile = [9, 4, 1, 4];

    private static ScenarioOf Build()
    {
        var protocol = new ProtocolLoader(new FakeDatasets()).Parse(Encoding.UTF8.GetBytes("""
            {
              "name": "ten-b4inc3",
              "dataset": { "name": "ten", "subset": { "trainPerClass": 2 } },
              "classOrder": { "seed": 1993 },
              "initialClasses": 4,
              "increment": 3,
              "memory": { "policy": "fixed-total", "points": [ { "name": "m20", "exemplars": 20 } ] },
              "seeds": [1]
            }
            """), "ten.json");
        var shape = FakeDatasets.Ten.Shape;
        using var data = new LoadedDataset
        {
            Info = FakeDatasets.Ten,
            TrainImages = TestImages.Filled([.. Enumerable.Range(0, TrainFile.Length)], shape),
            TrainLabels = TrainFile,
            TestImages = TestImages.Filled([.. Enumerable.Range(0, TestFile.Length)], shape),
            TestLabels = TestFile,
            FileHashes = [],
        };
        return ScenarioOf.Build(protocol, data, new FloatTransform(), Device.CPU);
    }

    [Fact]
    public void TasksGroupedByCoarseClassNeedTheFilesCoarseLabelsToAgreeWithTheMap()
    {
        var protocol = new ProtocolLoader(new FakeDatasets()).Parse(Encoding.UTF8.GetBytes("""
            {
              "name": "grouped-coarse",
              "dataset": { "name": "grouped" },
              "classOrder": { "seed": 1993 },
              "tasksBy": "coarse",
              "initialClasses": 5,
              "increment": 5,
              "memory": { "policy": "fixed-total", "points": [ { "name": "m100", "exemplars": 100 } ] },
              "seeds": [1]
            }
            """), "grouped.json");
        int[] labels = [.. Enumerable.Range(0, 100)];
        LoadedDataset Data(int[] coarse) => new()
        {
            Info = FakeDatasets.Grouped,
            TrainImages = TestImages.Filled(labels, FakeDatasets.Grouped.Shape),
            TrainLabels = labels,
            TrainCoarseLabels = coarse,
            TestImages = TestImages.Filled(labels, FakeDatasets.Grouped.Shape),
            TestLabels = labels,
            TestCoarseLabels = [.. labels.Select(c => c % 20)],
            FileHashes = [],
        };
        using (var agreeing = Data([.. labels.Select(c => c % 20)]))
        using (var scenario = ScenarioOf.Build(protocol, agreeing, new FloatTransform(), Device.CPU))
            Assert.Equal(Enumerable.Range(0, 20).SelectMany(t => Enumerable.Repeat(t, 5)), scenario.TaskOfClass);

        int[] wrong = [.. labels.Select(c => c % 20)];
        wrong[42] = 3;
        using var disagreeing = Data(wrong);
        var e = Assert.Throws<CilBench.Core.Data.DatasetFormatException>(() => ScenarioOf.Build(protocol, disagreeing, new FloatTransform(), Device.CPU));
        Assert.Contains("sample 42 of class 42 has coarse label 3, but class 42 belongs to coarse class 2", e.Message);
    }

    [Fact]
    public void SubsetKeepsTheFirstSamplesOfEachClassInFileOrder()
    {
        using var scenario = Build();

        // The third class-2 sample (file index 13) and third class-4 sample (21) go.
        int[] kept = [.. Enumerable.Range(0, TrainFile.Length).Where(i => i is not (13 or 21))];
        Assert.Equal(kept, TestImages.Values(scenario.Train.Images));
        Assert.Equal(kept.Select(i => Incremental[TrainFile[i]]), scenario.Train.Labels);
    }

    [Fact]
    public void LabelsBecomePositionsInTheClassOrder()
    {
        using var scenario = Build();

        Assert.Equal([0, 1, 2, 3], TestImages.Values(scenario.Test.Images));
        Assert.Equal([8, 0, 9, 0], scenario.Test.Labels);
        Assert.Equal([0, 0, 0, 0, 1, 1, 1, 2, 2, 2], scenario.TaskOfClass);
        Assert.Equal((0, 4, 7), (scenario.KnownBefore(0), scenario.KnownBefore(1), scenario.KnownBefore(2)));
    }

    [Fact]
    public void TaskSlicesSelectTheirClasses()
    {
        using var scenario = Build();

        // Incremental classes 0..3 are dataset classes 4, 2, 7, 6: test samples 1 and 3 (both class 4).
        Assert.Equal([1L, 3], scenario.TestUpTo(4).StorePositions);
        Assert.Equal([0L, 1, 2, 3], scenario.TestUpTo(10).StorePositions);
        // Task 1 is dataset classes 0, 3, 5: file indices 1, 4, 6, 11, 14, 16 (train store positions: one lower
        // from 14 on, as file index 13 was dropped).
        var positions = scenario.TrainPositions(4, 7);
        Assert.Equal([1, 4, 6, 11, 14, 16], TestImages.Values(scenario.Train.Gather(positions)));
    }
}
