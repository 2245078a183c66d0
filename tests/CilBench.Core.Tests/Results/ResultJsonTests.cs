using System.Text.Json.Nodes;
using CilBench.Core.Fingerprints;
using CilBench.Core.Results;
using CilBench.Core.Tests.Data;

namespace CilBench.Core.Tests.Results;

public class ResultJsonTests
{
    private static HeadResult Head(double top1, double? old, params double[] row) =>
        new() { Top1 = top1, Top5 = 99.25, TaskAware = 97.5, Old = old, New = 88.125, AccuracyMatrixRow = row };

    private static StageResult Stage(int task, double top1, double? old, double[] row) => new()
    {
        Task = task,
        ClassesSeen = 10 * (task + 1),
        NewClasses = [.. Enumerable.Range(10 * task, 10)],
        Heads = new() { ["cnn"] = Head(top1, old, row), ["nme"] = Head(top1 - 1, old, row) },
        Memory = new MemoryUsage
        {
            ParameterBytes = 1_854_016, BufferBytes = 17_664, InfoBytes = 41, BackboneParameterBytes = 1_850_176,
            ExemplarBytes = 2000L * 3072, TotalBytes = 1_854_016 + 17_664 + 41 + 2000L * 3072, Exemplars = 2000, Capacity = 2000,
        },
        Seconds = new StageSeconds { Train = 12.5, Memory = 0.25, Eval = 1.0 / 3 },
        TrainImages = 5000 * 170,
        EvalImages = 1000,
        NonFiniteScores = task,
        Events = [new StageEventRecord("grow", new JsonObject { ["erank"] = 3.75 })],
    };

    private static RunResult Sample() => new()
    {
        Protocol = new ProtocolInfo
        {
            Name = "cifar100-b0inc10", File = "protocols/cifar100-b0inc10.json", Sha256 = new string('a', 64), Policy = "fixed-total",
            ClassOrder = [68, 56, 78], Tasks = [[68, 56], [78]],
            Dataset = new DatasetInfoRecord { Name = "cifar100", Input = "3x32x32", TrainSamples = 50_000, TestSamples = 10_000, Files = new() { ["train"] = "ff" } },
        },
        Method = new MethodInfo
        {
            Name = "icarl", Version = "1.0.0", Paper = "Rebuffi et al. 2017", File = "ICaRL.dll", Sha256 = "bb", Reference = false,
            HyperParameters = new JsonObject { ["lr"] = 0.1, ["milestones"] = new JsonArray(49, 63) },
        },
        Budget = new BudgetInfo { Name = "m2000", Policy = "fixed-total", Exemplars = 2000 },
        Seed = 1993,
        Device = "cpu",
        Backbone = "resnet32",
        Stages = [Stage(0, 90.1, null, [90.1]), Stage(1, 1.0 / 3, 12.345678901234567, [0.1, 0.2])],
        Summary = new() { ["cnn"] = new HeadSummary { AverageIncrementalAccuracy = 45.2166, LastAccuracy = 1.0 / 3, Forgetting = double.NaN, Bwt = -89.9, AverageTaskAware = 97.5 } },
        Provenance = new Provenance
        {
            HarnessVersion = "0.1.0", HarnessSha256 = new string('c', 64), GitCommit = "0123abc", ContractVersion = "1.0", LibtorchVersion = "1.13.1", Runtime = ".NET 10", Os = "Linux", Machine = "m, 2 cores",
            Threads = 2, StartedUtc = new DateTime(2025, 3, 1, 12, 0, 0, DateTimeKind.Utc), FinishedUtc = new DateTime(2025, 3, 1, 13, 30, 15, DateTimeKind.Utc),
            WallSeconds = 5415.5, CommandLine = "cilbench run",
        },
        Fingerprint = CellFingerprint.Of(new FingerprintComponents(new string('a', 64),
            PluginClosure.Of(new SortedDictionary<string, string>(StringComparer.Ordinal) { ["ICaRL.dll"] = "bb", ["CilBench.Learning.dll"] = "dd" }),
            new HarnessBuild(new string('c', 64), "0123abc"), new JsonObject { ["lr"] = 0.1 }, new JsonObject { ["name"] = "m2000" }, 1993, "cpu", 2, "1.13.1")),
        Audited = true,
        ResumedAtTask = 1,
    };

    [Fact]
    public void RoundTripKeepsEveryNumber()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "p", "icarl", "m2000", "seed-1993.json");

        ResultJson.Write(path, Sample());
        var back = ResultJson.Read(path);

        Assert.Equal("cilbench-result/2", back.Format);
        Assert.Equal([68, 56, 78], back.Protocol.ClassOrder);
        Assert.Equal([[68, 56], [78]], back.Protocol.Tasks);
        Assert.Equal((2000, (long?)null), (back.Budget.Exemplars, back.Budget.Bytes));
        Assert.Equal("""{"lr":0.1,"milestones":[49,63]}""", back.Method.HyperParameters.ToJsonString());
        Assert.Equal(2, back.Stages.Count);
        var s1 = back.Stages[1];
        Assert.Equal(["cnn", "nme"], s1.Heads.Keys);
        Assert.Equal(1.0 / 3, s1.Heads["cnn"].Top1);
        Assert.Equal(12.345678901234567, s1.Heads["cnn"].Old);
        Assert.Null(back.Stages[0].Heads["cnn"].Old);
        Assert.Equal([0.1, 0.2], s1.Heads["nme"].AccuracyMatrixRow);
        Assert.Equal([.. Enumerable.Range(10, 10)], s1.NewClasses);
        Assert.Equal(Sample().Stages[1].Memory, s1.Memory);
        Assert.Equal(Sample().Stages[1].Seconds, s1.Seconds);
        Assert.Equal(3.75, s1.Events[0].Data["erank"]!.GetValue<double>());
        Assert.True(double.IsNaN(back.Summary["cnn"].Forgetting));
        Assert.Equal(1.0 / 3, back.Summary["cnn"].LastAccuracy);
        Assert.Equal(Sample().Provenance, back.Provenance);
        Assert.Equal((5000L * 170, 1L), (s1.TrainImages, s1.NonFiniteScores));
        Assert.Equal((true, (int?)1, (int?)null), (back.Audited, back.ResumedAtTask, back.OverBudgetAtTask));
        Assert.Equal(Sample().Fingerprint.Cell, back.Fingerprint.Cell);
        Assert.Equal(Sample().Fingerprint.Group, back.Fingerprint.Group);
        Assert.Empty(back.Fingerprint.Differences(Sample().Fingerprint));
    }

    [Fact]
    public void FieldNamesAreTheDocumentedOnes()
    {
        using var dir = new TempDirectory();
        var path = dir.File("r.json");
        ResultJson.Write(path, Sample());

        var json = JsonNode.Parse(File.ReadAllText(path))!;

        Assert.Equal("cilbench-result/2", json["format"]!.GetValue<string>());
        var stage = json["stages"]![1]!;
        Assert.Equal(1.0 / 3, stage["heads"]!["cnn"]!["top1"]!.GetValue<double>());
        Assert.NotNull(stage["heads"]!["cnn"]!["accuracyMatrixRow"]);
        Assert.Equal(2000L * 3072, stage["memory"]!["exemplarBytes"]!.GetValue<long>());
        Assert.Equal(45.2166, json["summary"]!["cnn"]!["averageIncrementalAccuracy"]!.GetValue<double>());
        Assert.Equal(1993, json["seed"]!.GetValue<int>());
        Assert.Equal(41, stage["memory"]!["infoBytes"]!.GetValue<long>());
        Assert.Equal(5000 * 170, stage["trainImages"]!.GetValue<long>());
        Assert.Equal(1, stage["nonFiniteScores"]!.GetValue<long>());
        Assert.True(json["audited"]!.GetValue<bool>());
        Assert.Equal(64, json["fingerprint"]!["cell"]!.GetValue<string>().Length);
        Assert.Equal(64, json["fingerprint"]!["group"]!.GetValue<string>().Length);
        var components = json["fingerprint"]!["components"]!;
        Assert.Equal("bb", components["plugin"]!["files"]!["ICaRL.dll"]!.GetValue<string>());
        Assert.Equal("0123abc", components["harness"]!["gitCommit"]!.GetValue<string>());
        Assert.Equal(2, components["threads"]!.GetValue<int>());
        Assert.Equal("0123abc", json["provenance"]!["gitCommit"]!.GetValue<string>());
    }

    [Fact]
    public void AnotherFormatIsRefusedNamingTheFile()
    {
        using var dir = new TempDirectory();
        var path = dir.File("seed-1.json");
        ResultJson.Write(path, Sample() with { Format = "cilbench-result/1" });

        var e = Assert.Throws<FormatException>(() => ResultJson.Read(path));

        Assert.StartsWith(path + ": ", e.Message);
        Assert.Contains("cilbench-result/1", e.Message);
    }

    [Fact]
    public void BrokenJsonIsRefusedNamingTheFile()
    {
        using var dir = new TempDirectory();
        var path = dir.File("seed-1.json");
        File.WriteAllText(path, """{ "format": "cilbench-result/1", "seed": """);

        var e = Assert.Throws<FormatException>(() => ResultJson.Read(path));

        Assert.StartsWith(path + ": ", e.Message);
    }
}
