using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using CilBench.Core.Data;

namespace CilBench.Core.Tests.Data;

public class DatasetFetcherTests
{
    private const string ArchivePath = "/cifar-10-python.tar.gz";

    /// <summary>A cifar-10-python.tar.gz as published: the folder cifar-10-batches-py with the six batches (2 images each).</summary>
    private static byte[] Cifar10Archive(string folder = "cifar-10-batches-py", string? extraEntry = null)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Gnu))
        {
            tar.WriteEntry(new GnuTarEntry(TarEntryType.Directory, folder + "/"));
            var files = Enumerable.Range(1, 5).Select(b => ($"data_batch_{b}", CifarFixtures.Cifar10PickleBatch(2, offset: b - 1)))
                .Append(("test_batch", CifarFixtures.Cifar10PickleBatch(2)))
                .Append(("batches.meta", [0x80, 0x02, (byte)'}', (byte)'.']));
            foreach (var (name, bytes) in files)
                tar.WriteEntry(new GnuTarEntry(TarEntryType.RegularFile, $"{folder}/{name}") { DataStream = new MemoryStream(bytes) });
            if (extraEntry is not null)
                tar.WriteEntry(new GnuTarEntry(TarEntryType.RegularFile, extraEntry) { DataStream = new MemoryStream([1, 2, 3]) });
        }
        return output.ToArray();
    }

    private static string Md5(byte[] bytes) => Convert.ToHexStringLower(MD5.HashData(bytes));

    private static HttpClient LoopbackClient() => new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(30) };

    private sealed class Recorder : IProgress<FetchProgress>
    {
        public List<FetchProgress> Reports { get; } = [];
        public void Report(FetchProgress value) => Reports.Add(value);
    }

    [Fact]
    public async Task DownloadsVerifiesAndUnpacksIntoTheTargetFolder()
    {
        var archive = Cifar10Archive();
        using var server = new LoopbackHttpServer(new() { [ArchivePath] = archive });
        using var to = new TempDirectory();
        using var http = LoopbackClient();
        var fetcher = new DatasetFetcher(http, server.BaseUrl);
        var progress = new Recorder();

        var result = await fetcher.FetchAsync(DatasetArchive.Cifar10 with { Md5 = Md5(archive) }, to.Path, progress);

        Assert.True(result.Downloaded);
        Assert.Equal(Path.Combine(to.Path, "cifar-10-batches-py"), result.Path);
        Assert.Equal(new FetchProgress(archive.Length, archive.Length), progress.Reports[^1]);
        Assert.Equal([result.Path], Directory.GetFileSystemEntries(to.Path)); // no temporary left
        using (var splits = CifarReader.Cifar10.Load(to.Path))
            Assert.Equal(10, splits.Train.Count);

        var again = await fetcher.FetchAsync(DatasetArchive.Cifar10 with { Md5 = Md5(archive) }, to.Path);
        Assert.False(again.Downloaded);
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task ChecksumMismatchNamesBothSumsAndLeavesNothing()
    {
        var archive = Cifar10Archive();
        using var server = new LoopbackHttpServer(new() { [ArchivePath] = archive });
        using var to = new TempDirectory();
        using var http = LoopbackClient();

        var e = await Assert.ThrowsAsync<DatasetFetchException>(() =>
            new DatasetFetcher(http, server.BaseUrl).FetchAsync(DatasetArchive.Cifar10, to.Path));

        Assert.Contains($"checksum mismatch for {server.BaseUrl}cifar-10-python.tar.gz", e.Message);
        Assert.Contains($"expected MD5 c58f30108f718f92721af3b95e74349a, got {Md5(archive)}", e.Message);
        Assert.Empty(Directory.GetFileSystemEntries(to.Path));
    }

    [Fact]
    public async Task HttpErrorStatusIsReported()
    {
        using var server = new LoopbackHttpServer([]);
        using var to = new TempDirectory();
        using var http = LoopbackClient();

        var e = await Assert.ThrowsAsync<DatasetFetchException>(() =>
            new DatasetFetcher(http, server.BaseUrl).FetchAsync(DatasetArchive.Cifar100, to.Path));

        Assert.Contains($"GET {server.BaseUrl}cifar-100-python.tar.gz failed: HTTP 404 Not Found", e.Message);
        Assert.Empty(Directory.GetFileSystemEntries(to.Path));
    }

    [Fact]
    public async Task EntriesEscapingTheTargetAreRefused()
    {
        var archive = Cifar10Archive(extraEntry: "../escaped");
        using var server = new LoopbackHttpServer(new() { [ArchivePath] = archive });
        using var to = new TempDirectory();
        using var http = LoopbackClient();

        var e = await Assert.ThrowsAsync<DatasetFetchException>(() =>
            new DatasetFetcher(http, server.BaseUrl).FetchAsync(DatasetArchive.Cifar10 with { Md5 = Md5(archive) }, to.Path));

        Assert.Contains("entry '../escaped' would unpack outside the target folder", e.Message);
        Assert.Empty(Directory.GetFileSystemEntries(to.Path));
    }

    [Fact]
    public async Task ArchiveWithoutTheExpectedFolderIsRefused()
    {
        var archive = Cifar10Archive(folder: "something-else");
        using var server = new LoopbackHttpServer(new() { [ArchivePath] = archive });
        using var to = new TempDirectory();
        using var http = LoopbackClient();

        var e = await Assert.ThrowsAsync<DatasetFetchException>(() =>
            new DatasetFetcher(http, server.BaseUrl).FetchAsync(DatasetArchive.Cifar10 with { Md5 = Md5(archive) }, to.Path));

        Assert.Contains("does not contain the folder 'cifar-10-batches-py'", e.Message);
        Assert.Empty(Directory.GetFileSystemEntries(to.Path));
    }

    [Fact]
    public void OnlyCifarArchivesAreFetchable()
    {
        Assert.Equal("eb9058c3a382ffc7106e4002c42a8d85", DatasetArchive.For("cifar100").Md5);
        var e = Assert.Throws<ArgumentException>(() => DatasetArchive.For("fmnist"));
        Assert.Contains("dataset-fashion-mnist", e.Message);
    }
}
