namespace CilBench.Cli.Tests;

/// <summary>
/// Every error a user can cause is one line on stderr naming the field or value, exit status 2, and nothing trained:
/// a sweep keeps that line in its failure record.
/// </summary>
public class ErrorTests : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    private Cilbench.Output Run(params string[] arguments) => Cilbench.Run(dir.Path, arguments);

    private static void AssertError(Cilbench.Output output, params string[] parts)
    {
        Assert.Equal(2, output.ExitCode);
        var line = Assert.Single(output.Stderr.Split('\n'), l => l.StartsWith("error: ", StringComparison.Ordinal));
        foreach (var part in parts) Assert.Contains(part, line);
        Assert.DoesNotContain("error:", output.Stdout);
    }

    [Fact]
    public void AMissingProtocolFileIsNamed()
    {
        var output = Run("run", "--protocol", "nowhere.json", "--method", "icarl");
        AssertError(output, "nowhere.json", "cannot read the protocol file");
    }

    [Fact]
    public void AnUnknownMethodListsTheLoadedOnes()
    {
        var protocol = dir.File("p.json", TinyProtocols.FashionMnist());
        AssertError(Run("run", "--protocol", protocol, "--method", "icarel"), "no method named 'icarel'", "icarl");
    }

    [Fact]
    public void ADuplicateSeedIsRefused()
    {
        var protocol = dir.File("p.json", TinyProtocols.FashionMnist(seeds: "[1, 2, 1]"));
        AssertError(Run("run", "--protocol", protocol, "--method", "icarl"), "p.json: seeds: seed 1 is listed twice");
    }

    [Fact]
    public void AProtocolNameThatIsNoFolderIsRefused()
    {
        var protocol = dir.File("p.json", TinyProtocols.FashionMnist(name: "a/b"));
        AssertError(Run("run", "--protocol", protocol, "--method", "icarl"), "name: must be a name usable as a folder", "'a/b'");
    }

    [Fact]
    public void APerMethodKeyNamingNoMethodIsRefused()
    {
        var protocol = dir.File("p.json", TinyProtocols.FashionMnist(methods: """{ "icarel": { "epochs": 3 } }"""));
        AssertError(Run("run", "--protocol", protocol, "--method", "icarl"), "methods.icarel: 'icarel' is not a loaded method");
    }

    [Theory]
    [InlineData(", \"epochs\": 0", "'epochs'", "got 0")]
    [InlineData(", \"lr\": -0.1", "'lr'", "got -0.1")]
    [InlineData(", \"batchSize\": 0", "'batchSize'", "got 0")]
    public void NonPositiveEpochsLearningRatesAndBatchSizesAreRefused(string recipe, string key, string value)
    {
        var protocol = dir.File("p.json", TinyProtocols.FashionMnist(recipe: recipe));
        AssertError(Run("run", "--protocol", protocol, "--method", "icarl"), $"hyper-parameter {key} of method 'icarl' must be positive", value);
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "results", "fmnist-tiny")));
    }

    [Theory]
    [InlineData("--timeout", "0", "--timeout must be a positive number of minutes, got 0")]
    [InlineData("--jobs", "0", "--jobs must be positive, got 0")]
    [InlineData("--threads", "-1", "--threads must be positive, got -1")]
    public void SweepOptionsOutOfRangeAreRefused(string option, string value, string message)
    {
        var protocol = dir.File("p.json", TinyProtocols.FashionMnist());
        AssertError(Run("sweep", "--protocol", protocol, "--methods", "icarl", option, value), message);
    }

    [Fact]
    public void BackendSwitchesThatExcludeEachOtherAreRefusedNamingWhereEachCameFrom()
    {
        var protocol = dir.File("p.json", TinyProtocols.FashionMnist());
        AssertError(Run("run", "--protocol", protocol, "--method", "icarl", "--deterministic", "--cudnn-benchmark"),
            "--deterministic and --cudnn-benchmark: deterministic and cudnnBenchmark exclude each other");
        AssertError(Run("bench", "step", "--deterministic", "--cudnn-benchmark"), "--deterministic and --cudnn-benchmark");
        var deterministic = dir.File("d.json", TinyProtocols.FashionMnist().Replace("\"seeds\"", "\"backends\": { \"deterministic\": true }, \"seeds\""));
        AssertError(Run("sweep", "--protocol", deterministic, "--methods", "icarl", "--cudnn-benchmark"),
            "the protocol's backends and --cudnn-benchmark: deterministic and cudnnBenchmark exclude each other");
        // --deterministic false lifts the protocol's switch.
        Assert.Equal(0, Run("sweep", "--protocol", deterministic, "--methods", "icarl", "--cudnn-benchmark", "--deterministic", "false",
            "--executor", "slurm", "--dry-run").ExitCode);
    }

    [Fact]
    public void AMethodListedTwiceInASweepIsRefused()
    {
        var protocol = dir.File("p.json", TinyProtocols.FashionMnist());
        AssertError(Run("sweep", "--protocol", protocol, "--methods", "icarl,ICaRL"), "method 'icarl' is listed twice");
    }

    [Fact]
    public void AnUnwritableResultsDirectoryIsRefusedBeforeAnyWork()
    {
        var protocol = dir.File("p.json", TinyProtocols.FashionMnist());
        var blocked = dir.File("a-file", "not a folder");
        AssertError(Run("run", "--protocol", protocol, "--method", "icarl", "--out", Path.Combine(blocked, "results")),
            "--out", "the results directory cannot be written");
    }
}
