using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CilBench.Core.Data;
using CilBench.Core.Protocols;
using CilBench.Core.Scenario;

namespace CilBench.Core.Tests.Protocols;

public class ProtocolLoaderTests
{
    private const string Where = "test.json";

    // numpy 1.24: np.random.seed(1993); np.random.permutation(100) (PyCIL's CIFAR-100 order).
    private static readonly int[] Order1993 =
    [
        68, 56, 78, 8, 23, 84, 90, 65, 74, 76, 40, 89, 3, 92, 55, 9, 26, 80, 43, 38, 58, 70, 77, 1, 85, 19, 17, 50, 28, 53,
        13, 81, 45, 82, 6, 59, 83, 16, 15, 44, 91, 41, 72, 60, 79, 52, 20, 10, 31, 54, 37, 95, 14, 71, 96, 98, 97, 2, 64, 66,
        42, 22, 35, 86, 24, 34, 87, 21, 99, 0, 88, 27, 18, 94, 11, 12, 47, 25, 30, 46, 62, 69, 36, 61, 7, 63, 75, 5, 32, 4,
        51, 48, 73, 93, 39, 67, 29, 49, 57, 33,
    ];

    private const string Valid = """
        {
          "name": "hundred-b0inc10",
          "dataset": { "name": "hundred" },
          "classOrder": { "seed": 1993 },
          "initialClasses": 10,
          "increment": 10,
          "augmentation": { "mean": [0.5, 0.5, 0.5], "std": [0.25, 0.25, 0.25] },
          "memory": { "policy": "fixed-total", "points": [ { "name": "m2000", "exemplars": 2000 } ] },
          "seeds": [1993]
        }
        """;

    private static Protocol Parse(string json) => new ProtocolLoader(new FakeDatasets()).Parse(Encoding.UTF8.GetBytes(json), Where);

    private static Protocol Parse(Action<JsonObject> edit)
    {
        var root = JsonNode.Parse(Valid)!.AsObject();
        edit(root);
        return Parse(root.ToJsonString());
    }

    private static JsonObject Point0(JsonObject root) => root["memory"]!["points"]![0]!.AsObject();

    private static JsonObject Memory(string policy, string point) => JsonNode.Parse($$"""{ "policy": "{{policy}}", "points": [ {{point}} ] }""")!.AsObject();

    [Fact]
    public void BackendSwitchesAreReadAndChecked()
    {
        Assert.Null(Parse(Valid).Spec.Backends);
        var p = Parse(root => root["backends"] = JsonNode.Parse("""{ "deterministic": true, "tf32": true }"""));
        Assert.Equal(new BackendSpec { Deterministic = true, Tf32 = true }, p.Spec.Backends);
        var e = Assert.Throws<ProtocolException>(() => Parse(root => root["backends"] = JsonNode.Parse("""{ "deterministic": true, "cudnnBenchmark": true }""")));
        Assert.Contains("test.json: backends: deterministic and cudnnBenchmark exclude each other", e.Message);
        e = Assert.Throws<ProtocolException>(() => Parse(root => root["backends"] = JsonNode.Parse("""{ "tf16": true }""")));
        Assert.Contains("tf16", e.Message);
    }

    [Fact]
    public void ValidProtocolResolvesTasksFromTheSeedOrder()
    {
        var p = Parse(Valid);

        Assert.Equal(Order1993, p.ClassOrder);
        Assert.Equal(10, p.Tasks.Count);
        Assert.Equal([68, 56, 78, 8, 23, 84, 90, 65, 74, 76], p.Tasks[0]);
        Assert.Equal([40, 89, 3, 92, 55, 9, 26, 80, 43, 38], p.Tasks[1]);
        Assert.Equal([51, 48, 73, 93, 39, 67, 29, 49, 57, 33], p.Tasks[9]);
        Assert.Equal(MemoryPolicy.FixedTotal, p.Policy);
        var point = Assert.Single(p.Points);
        Assert.Equal(("m2000", 2000), (point.Name, point.TotalExemplars));
        Assert.Equal(Where, p.File);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Valid))), p.Sha256);
    }

    [Fact]
    public void TasksByCoarseClassGroupEachCoarseClassInTheOrderItsFirstClassAppears()
    {
        var p = Parse(root =>
        {
            root["dataset"]!["name"] = "grouped";
            root["tasksBy"] = "coarse";
            (root["initialClasses"], root["increment"]) = (5, 5);
        });

        Assert.Equal(20, p.Tasks.Count);
        // Order1993 starts 68, 56, 78: coarse classes 8, 16, 18 come first, each with its classes in that order.
        Assert.Equal([68, 8, 28, 88, 48], p.Tasks[0]);
        Assert.Equal([56, 76, 16, 96, 36], p.Tasks[1]);
        Assert.Equal([78, 38, 58, 98, 18], p.Tasks[2]);
        Assert.Equal([87, 27, 47, 7, 67], p.Tasks[19]);
        Assert.All(p.Tasks, t => Assert.Single(t.Select(c => c % 20).Distinct()));
        Assert.Equal(p.Tasks.SelectMany(t => t), p.ClassOrder);
    }

    [Theory]
    [InlineData("hundred", "coarse", 5, "tasksBy: dataset 'hundred' has no coarse labels to group tasks by")]
    [InlineData("grouped", "fine", 5, "tasksBy: must be \"coarse\" or absent, got \"fine\"")]
    [InlineData("grouped", "coarse", 10, "tasksBy: tasks by coarse class need initialClasses and increment equal to the coarse classes' size (5), got 10 and 10")]
    public void TasksByCoarseClassNeedsCoarseLabelsAndTheGroupSize(string dataset, string by, int size, string message)
    {
        var e = Assert.Throws<ProtocolException>(() => Parse(root =>
        {
            root["dataset"]!["name"] = dataset;
            root["tasksBy"] = by;
            (root["initialClasses"], root["increment"]) = (size, size);
        }));
        Assert.Equal($"{Where}: {message}", e.Message);
    }

    [Fact]
    public void TheShippedSuperclassProtocolLearnsOneCifar100SuperclassPerTask()
    {
        var loader = new ProtocolLoader(new CatalogDatasetSource(DatasetCatalog.Default));
        var p = loader.Load(Path.Combine(RepositoryRoot(), "protocols", "cifar100-superclass-til.json"));
        Assert.Equal(20, p.Tasks.Count);
        // CIFAR-100's meta: fruit and vegetables are apple, mushroom, orange, pear, sweet pepper.
        Assert.Contains(p.Tasks, t => t.Order().SequenceEqual([0, 51, 53, 57, 83]));
        Assert.All(p.Tasks, t => Assert.Single(t.Select(c => CifarReader.Cifar100CoarseOfFine[c]).Distinct()));
    }

    [Fact]
    public void ExplicitOrderWithUnevenFirstTask()
    {
        var p = Parse(root =>
        {
            root["dataset"]!["name"] = "ten";
            root["classOrder"] = new JsonArray(9, 8, 7, 6, 5, 4, 3, 2, 1, 0);
            root["initialClasses"] = 4;
            root["increment"] = 3;
            root["augmentation"] = new JsonObject();
            root["memory"] = Memory("budget", """{ "name": "b1", "megabytes": 1.5 }""");
        });

        Assert.Equal([[9, 8, 7, 6], [5, 4, 3], [2, 1, 0]], p.Tasks);
        // 1.5 MB = 1.5 x 2^20 bytes.
        Assert.Equal(1_572_864L, Assert.Single(p.Points).Bytes);
    }

    public static TheoryData<string, Action<JsonObject>, string> Errors => new()
    {
        { "unknown top-level field", r => r["colour"] = "red", "colour" },
        { "unknown nested field", r => Point0(r)["foo"] = 1, "memory.points[0].foo" },
        { "wrong type", r => r["initialClasses"] = "ten", "initialClasses" },
        { "wrong nested type", r => Point0(r)["exemplars"] = "many", "memory.points[0].exemplars" },
        { "missing required field", r => r.Remove("increment"), "increment" },
        { "missing required nested field", r => r["memory"]!.AsObject().Remove("policy"), "policy" },
        { "unknown dataset", r => r["dataset"]!["name"] = "imagenet", "dataset.name" },
        { "duplicate class", r => r["classOrder"] = new JsonArray([.. Enumerable.Range(0, 99).Append(0).Select(c => (JsonNode)c)]), "classOrder" },
        { "missing class", r => r["classOrder"] = new JsonArray([.. Enumerable.Range(0, 99).Select(c => (JsonNode)c)]), "classOrder" },
        { "class out of range", r => r["classOrder"] = new JsonArray([.. Enumerable.Range(1, 100).Select(c => (JsonNode)c)]), "classOrder" },
        { "negative order seed", r => r["classOrder"] = new JsonObject { ["seed"] = -1 }, "classOrder" },
        { "increment not covering", r => r["increment"] = 7, "increment" },
        { "zero initial classes", r => r["initialClasses"] = 0, "initialClasses" },
        { "more initial classes than the dataset", r => r["initialClasses"] = 101, "initialClasses" },
        { "unknown memory policy", r => r["memory"]!["policy"] = "lru", "memory.policy" },
        { "field of another policy", r => Point0(r)["perClass"] = 20, "memory.points[0].perClass" },
        { "missing field of the policy", r => r["memory"] = Memory("per-class", """{ "name": "p" }"""), "memory.points[0].perClass" },
        { "fewer exemplars than classes", r => Point0(r)["exemplars"] = 99, "memory.points[0].exemplars" },
        { "per-class above the training samples", r => r["memory"] = Memory("per-class", """{ "name": "p", "perClass": 501 }"""), "memory.points[0].perClass" },
        { "per-class above the subset's samples", r =>
            {
                r["dataset"]!["subset"] = new JsonObject { ["trainPerClass"] = 50 };
                r["memory"] = Memory("per-class", """{ "name": "p", "perClass": 60 }""");
            }, "memory.points[0].perClass" },
        { "negative megabytes", r => r["memory"] = Memory("budget", """{ "name": "b", "megabytes": -1 }"""), "memory.points[0].megabytes" },
        { "negative exemplars of a method", r => r["memory"] = Memory("exemplars", """{ "name": "e", "exemplarsByMethod": { "icarl": -5 } }"""), "memory.points[0].exemplarsByMethod.icarl" },
        { "no budget points", r => r["memory"]!["points"] = new JsonArray(), "memory.points" },
        { "duplicate point names", r => r["memory"]!["points"]!.AsArray().Add(JsonNode.Parse("""{ "name": "m2000", "exemplars": 3000 }""")), "memory.points" },
        { "mean length vs channels", r => r["augmentation"]!["mean"] = new JsonArray(0.5, 0.5), "augmentation.mean" },
        { "std length vs channels", r => r["augmentation"]!["std"] = new JsonArray(0.25), "augmentation.std" },
        { "mean without std", r => r["augmentation"]!.AsObject().Remove("std"), "augmentation.std" },
        { "zero seeds", r => r["seeds"] = new JsonArray(), "seeds" },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void ErrorNamesTheFileAndField(string what, Action<JsonObject> edit, string field)
    {
        var e = Assert.Throws<ProtocolException>(() => Parse(edit));
        Assert.True(e.Message.StartsWith(Where + ": ", StringComparison.Ordinal) && e.Message.Contains(field, StringComparison.Ordinal),
            $"{what}: expected the file and '{field}' in: {e.Message}");
    }

    [Fact]
    public void ClassOrderErrorsSayWhatIsWrong()
    {
        var duplicate = Assert.Throws<ProtocolException>(() => Parse(r =>
            r["classOrder"] = new JsonArray([.. Enumerable.Range(0, 99).Append(5).Select(c => (JsonNode)c)]))).Message;
        Assert.Contains("duplicated class(es) 5", duplicate);
        Assert.Contains("missing class(es) 99", duplicate);
        Assert.Contains("unknown dataset 'imagenet' (known: hundred, grouped, ten)",
            Assert.Throws<ProtocolException>(() => Parse(r => r["dataset"]!["name"] = "imagenet")).Message);
        Assert.Contains("known: fixed-total, per-class, budget, exemplars",
            Assert.Throws<ProtocolException>(() => Parse(r => r["memory"]!["policy"] = "lru")).Message);
    }

    [Fact]
    public void ShippedProtocolsLoad()
    {
        var dir = Path.Combine(RepositoryRoot(), "protocols");
        var files = Directory.GetFiles(dir, "*.json");
        Assert.NotEmpty(files);
        var loader = new ProtocolLoader(new CatalogDatasetSource(DatasetCatalog.Default));
        foreach (var file in files)
        {
            var p = loader.Load(file);
            // Every class of the dataset is learned exactly once.
            var classes = p.Tasks.SelectMany(t => t).Order().ToArray();
            Assert.Equal(Enumerable.Range(0, p.ClassOrder.Count), classes);
            Assert.Equal(Path.GetFileNameWithoutExtension(file), p.Name);
            Assert.NotEmpty(p.Points);
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CilBench.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("no CilBench.sln above " + AppContext.BaseDirectory);
    }
}
