namespace CilBench.Core.Results;

/// <summary>Writes a file so that readers see either the old content or the complete new content, never a part.</summary>
public static class AtomicFile
{
    public static void WriteAllText(string path, string content) => Write(path, s =>
    {
        // Left open: Write flushes the stream to disk after this returns.
        using var w = new StreamWriter(s, leaveOpen: true);
        w.Write(content);
    });

    public static void WriteAllBytes(string path, byte[] content) => Write(path, s => s.Write(content));

    public static void Write(string path, Action<Stream> write)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(dir);
        var tmp = Path.Combine(dir, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var s = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write))
            {
                write(s);
                s.Flush(flushToDisk: true);
            }
            File.Move(tmp, path, overwrite: true);
        }
        catch
        {
            File.Delete(tmp);
            throw;
        }
    }
}
