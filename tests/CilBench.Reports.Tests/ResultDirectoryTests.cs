namespace CilBench.Reports.Tests;

public class ResultDirectoryTests
{
    [Fact]
    public void A_corrupt_result_file_is_an_error_naming_it()
    {
        using var results = SyntheticResults.Standard();
        var bad = results.AddFile("toy/replay/b2/seed-7.json", "{ \"format\": \"cilbench-result/1\", \"stages\": [");

        var e = Assert.Throws<ReportException>(() => ReportBuilder.Build(results.Root));

        Assert.Equal(bad, e.File);
        Assert.StartsWith(bad + ": ", e.Message);
    }

    [Fact]
    public void A_result_without_stages_is_an_error_naming_it()
    {
        using var results = new SyntheticResults();
        var path = results.Add("replay", 0, 0, 0);
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"stages\": [", "\"stages\": [], \"unused\": ["));

        var e = Assert.Throws<ReportException>(() => ReportBuilder.Build(results.Root));

        Assert.Equal(path, e.File);
        Assert.Contains("no stages", e.Message);
    }

    [Fact]
    public void Seeds_that_disagree_on_their_stages_are_an_error_naming_both()
    {
        using var results = new SyntheticResults();
        var first = results.Add("replay", 0, 0, 0);
        var second = results.Add("replay", 0, 1, 0, heads: ["nme"]);

        var e = Assert.Throws<ReportException>(() => ReportBuilder.Build(results.Root));

        Assert.Equal(second, e.File);
        Assert.Contains(first, e.Message);
    }

    [Fact]
    public void Failed_cells_are_listed_with_their_records()
    {
        using var results = SyntheticResults.Standard();
        var failed = results.AddFailure("finetune", 2, 2, "out of memory");

        var failure = Assert.Single(ReportBuilder.Build(results.Root).Failures);

        Assert.Equal(failed, failure.Path);
        Assert.Equal(("toy", "finetune", "b3", 2), (failure.Protocol, failure.Method, failure.Budget, failure.Seed));
        Assert.Equal(137, failure.Failure.ExitCode);
        Assert.Equal("out of memory", failure.Failure.Reason);
    }

    [Fact]
    public void A_failure_record_beside_a_result_is_stale_and_not_listed()
    {
        using var results = SyntheticResults.Standard();
        results.AddFailure("replay", 0, 0, "crashed, then succeeded on retry");

        Assert.Empty(ReportBuilder.Build(results.Root).Failures);
    }

    [Fact]
    public void A_corrupt_failure_record_is_an_error_naming_it()
    {
        using var results = SyntheticResults.Standard();
        var bad = results.AddFile("toy/replay/b1/seed-5.failed.json", "not json");

        Assert.Equal(bad, Assert.Throws<ReportException>(() => ReportBuilder.Build(results.Root)).File);
    }

    [Fact]
    public void Checkpoint_folders_and_other_json_files_are_ignored()
    {
        using var results = SyntheticResults.Standard();
        results.AddFile("toy/replay/b1/seed-0.checkpoint/seed-0.json", "not a result");
        results.AddFile("toy/replay/b1/notes.json", "not a result either");

        var report = ReportBuilder.Build(results.Root);

        Assert.Equal(2, report.Protocols[0].Method("replay")!.Cell("b1")!.Seeds.Count);
    }

    [Fact]
    public void The_same_cell_in_two_files_is_an_error()
    {
        using var results = SyntheticResults.Standard();
        var copy = results.AddFile("toy/replay/b1-copy/seed-0.json", File.ReadAllText(Path.Combine(results.Root, "toy/replay/b1/seed-0.json")));

        var e = Assert.Throws<ReportException>(() => ReportBuilder.Build(results.Root));

        Assert.Contains(copy, e.Message);
    }

    [Fact]
    public void A_missing_directory_is_an_error() =>
        Assert.Throws<DirectoryNotFoundException>(() => ReportBuilder.Build(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"))));
}
