using Xunit;
using Xunit.Abstractions;

namespace Example.Tests;

/// <summary>
/// The contract checks (`cilbench check`): the plugin loads in its own context; its name, version and hyper-parameters
/// are valid; its state round-trips through a checkpoint and the restart audit passes at every stage; Predict gives
/// finite scores for every seen class from each image alone; the same seed gives the same result; exemplar rankings
/// are valid; the budget is respected. A method passes them before its results go on a leaderboard.
/// </summary>
public class ContractTests(ITestOutputHelper output)
{
    [Fact]
    public void PassesTheContractChecks()
    {
        Assert.True(File.Exists(Harness.Plugin), $"the plugin is not built at {Harness.Plugin}");

        var (exitCode, text) = Harness.Run("check", Harness.Plugin);

        output.WriteLine(text);
        var failed = text.Split('\n').Where(line => line.StartsWith("FAIL") || line.StartsWith("SKIP"));
        Assert.True(exitCode == 0, $"cilbench check exited with {exitCode}:\n{string.Join("\n", failed)}\n\n{text}");
    }
}
