using CilBench.Core.Results;
using CilBench.Core.Tests.Data;

namespace CilBench.Core.Tests.Results;

public class AtomicFileTests
{
    [Fact]
    public void WritesCreateFoldersAndLeaveNoTemporaryFiles()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "a", "b", "result.json");

        AtomicFile.WriteAllText(path, "first");
        AtomicFile.WriteAllText(path, "second");
        AtomicFile.WriteAllBytes(path, [1, 2, 3]);

        Assert.Equal([1, 2, 3], File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(dir.Path, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public void FailingWriterLeavesTheOldContent()
    {
        using var dir = new TempDirectory();
        var path = dir.File("result.json");
        AtomicFile.WriteAllText(path, "old result");

        var e = Assert.Throws<IOException>(() => AtomicFile.Write(path, s =>
        {
            s.Write("new, half written"u8);
            throw new IOException("disk full");
        }));

        Assert.Equal("disk full", e.Message);
        Assert.Equal("old result", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void FailingFirstWriteLeavesNothing()
    {
        using var dir = new TempDirectory();
        var path = dir.File("result.json");

        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, _ => throw new InvalidOperationException()));

        Assert.Empty(Directory.GetFiles(dir.Path));
    }
}
