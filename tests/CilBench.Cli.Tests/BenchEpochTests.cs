using System.Text.Json.Nodes;

namespace CilBench.Cli.Tests;

/// <summary>
/// <c>cilbench bench epoch</c> on tiny Split Fashion-MNIST with iCaRL: it times the second task's epoch over the images
/// the run really serves (new classes and exemplars), evaluates every seen class, and leaves the user's files alone.
/// </summary>
public class BenchEpochTests : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [FashionMnistFact]
    public void TimesTheSecondTasksEpochOverNewImagesAndExemplars()
    {
        var protocol = TinyProtocols.FashionMnist();
        dir.File("p.json", protocol);
        var output = Cilbench.Run(dir.Path, "bench", "epoch", "--protocol", "p.json", "--method", "icarl", "--epochs", "2", "--threads", "1", "--json",
            "--tf32");
        Assert.True(output.ExitCode == 0, output.Stderr);

        var r = JsonNode.Parse(output.Stdout)!.AsObject();
        // Task 2: two new classes of 40 images, plus the two old classes' exemplars (100 allowed, 40 exist per class).
        Assert.Equal(2 * 40 + 2 * 40, (long)r["train_images_per_epoch"]!);
        // Evaluation covers the four classes seen so far, 20 test images each.
        Assert.Equal(4 * 20, (long)r["eval_images"]!);
        Assert.Equal(2, (int)r["task"]!);
        var phase = Assert.Single(r["phases"]!.AsArray());
        Assert.Equal(2, (int)phase!["epochs"]!);
        // One untimed epoch, then the two timed ones: the protocol's own 2 epochs were replaced by 1 + 2.
        Assert.Contains("task 2 train epoch 3/3", output.Stderr);
        Assert.True((double)r["train_images_per_second"]! > 0);
        // The protocol sets no switches; the one given on the command line is recorded.
        Assert.Equal("""{"deterministic":false,"cudnn_benchmark":false,"tf32":true}""", r["backends"]!.ToJsonString());

        // The protocol file is unchanged and nothing was written beside it.
        Assert.Equal(protocol, File.ReadAllText(Path.Combine(dir.Path, "p.json")));
        Assert.Equal(["p.json"], Directory.EnumerateFileSystemEntries(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void AProtocolWithOneTaskIsRefused()
    {
        dir.File("p.json", TinyProtocols.FashionMnist().Replace("\"initialClasses\": 2,", "\"initialClasses\": 10,"));
        var output = Cilbench.Run(dir.Path, "bench", "epoch", "--protocol", "p.json", "--method", "icarl");
        Assert.NotEqual(0, output.ExitCode);
        Assert.Contains("second task", output.Stderr);
    }
}
