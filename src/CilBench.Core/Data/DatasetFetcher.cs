using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;

namespace CilBench.Core.Data;

/// <summary>
/// Downloads an official dataset archive, checks its MD5 and unpacks it into a target folder atomically: everything
/// happens in a hidden temporary folder beside the result, which is moved into place only when complete, and
/// removed on any failure or cancellation.
/// </summary>
public sealed class DatasetFetcher
{
    private readonly HttpClient http;

    /// <param name="http">The client to download with (its timeout applies).</param>
    /// <param name="baseUrl">Where archives are fetched from; <see cref="DatasetArchive.OfficialBaseUrl"/> by default.</param>
    public DatasetFetcher(HttpClient http, Uri? baseUrl = null)
    {
        this.http = http;
        var b = baseUrl ?? DatasetArchive.OfficialBaseUrl;
        BaseUrl = b.AbsoluteUri.EndsWith('/') ? b : new Uri(b.AbsoluteUri + "/");
    }

    public Uri BaseUrl { get; }

    /// <summary>
    /// Puts <paramref name="archive"/>'s folder into <paramref name="toDir"/> (e.g. toDir/cifar-100-python) and returns
    /// its path. If that folder already exists nothing is downloaded.
    /// </summary>
    public async Task<FetchResult> FetchAsync(DatasetArchive archive, string toDir, IProgress<FetchProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var root = Path.GetFullPath(toDir);
        var target = Path.Combine(root, archive.Folder);
        if (Directory.Exists(target)) return new FetchResult(target, Downloaded: false);
        Directory.CreateDirectory(root);
        var work = Path.Combine(root, $".{archive.Folder}.fetch-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);
        try
        {
            var url = new Uri(BaseUrl, archive.FileName);
            var file = Path.Combine(work, archive.FileName);
            var md5 = await DownloadAsync(url, file, progress, cancellationToken).ConfigureAwait(false);
            if (!string.Equals(md5, archive.Md5, StringComparison.OrdinalIgnoreCase))
                throw new DatasetFetchException($"checksum mismatch for {url}: expected MD5 {archive.Md5}, got {md5}");
            var unpacked = Path.Combine(work, "unpacked");
            await UnpackAsync(file, unpacked, cancellationToken).ConfigureAwait(false);
            var folder = Path.Combine(unpacked, archive.Folder);
            if (!Directory.Exists(folder))
                throw new DatasetFetchException($"{url} does not contain the folder '{archive.Folder}'");
            try
            {
                Directory.Move(folder, target);
            }
            catch (IOException e)
            {
                throw new DatasetFetchException($"cannot move the unpacked '{archive.Folder}' to {target}: {e.Message}", e);
            }
            return new FetchResult(target, Downloaded: true);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>Streams <paramref name="url"/> to <paramref name="file"/>, hashing as it goes; returns the MD5 in lower-case hex.</summary>
    private async Task<string> DownloadAsync(Uri url, string file, IProgress<FetchProgress>? progress, CancellationToken ct)
    {
        try
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
                throw new DatasetFetchException($"GET {url} failed: HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            var total = response.Content.Headers.ContentLength;
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
            await using var body = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
            await using var output = new FileStream(file, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
            var buffer = new byte[1 << 16];
            long done = 0;
            progress?.Report(new FetchProgress(0, total));
            int n;
            while ((n = await body.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
            {
                hash.AppendData(buffer, 0, n);
                await output.WriteAsync(buffer.AsMemory(0, n), ct).ConfigureAwait(false);
                done += n;
                progress?.Report(new FetchProgress(done, total));
            }
            if (total is { } t && done != t)
                throw new DatasetFetchException($"GET {url} ended after {done} of {t} bytes");
            return Convert.ToHexStringLower(hash.GetHashAndReset());
        }
        catch (HttpRequestException e)
        {
            throw new DatasetFetchException($"GET {url} failed: {e.Message}", e);
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new DatasetFetchException($"GET {url} timed out after {http.Timeout.TotalSeconds:0} s", e);
        }
        catch (IOException e) when (e is not DatasetFetchException)
        {
            throw new DatasetFetchException($"downloading {url} to {file} failed: {e.Message}", e);
        }
    }

    /// <summary>Unpacks a .tar.gz into <paramref name="dir"/>, refusing entries that would land outside it and links.</summary>
    private static async Task UnpackAsync(string archive, string dir, CancellationToken ct)
    {
        Directory.CreateDirectory(dir);
        var prefix = Path.GetFullPath(dir) + Path.DirectorySeparatorChar;
        try
        {
            await using var file = File.OpenRead(archive);
            await using var gzip = new GZipStream(file, CompressionMode.Decompress);
            await using var tar = new TarReader(gzip);
            while (await tar.GetNextEntryAsync(copyData: false, ct).ConfigureAwait(false) is { } entry)
            {
                if (entry.EntryType is TarEntryType.GlobalExtendedAttributes) continue;
                var dest = Path.GetFullPath(Path.Combine(dir, entry.Name));
                if (!dest.StartsWith(prefix, StringComparison.Ordinal) && dest + Path.DirectorySeparatorChar != prefix)
                    throw new DatasetFetchException($"{archive}: entry '{entry.Name}' would unpack outside the target folder");
                switch (entry.EntryType)
                {
                    case TarEntryType.Directory:
                        Directory.CreateDirectory(dest);
                        break;
                    case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                        Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
                        await entry.ExtractToFileAsync(dest, overwrite: false, ct).ConfigureAwait(false);
                        break;
                    default:
                        throw new DatasetFetchException($"{archive}: entry '{entry.Name}' is a {entry.EntryType}; only folders and files are expected");
                }
            }
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException)
        {
            throw new DatasetFetchException($"{archive}: not a valid .tar.gz archive: {e.Message}", e);
        }
    }
}
