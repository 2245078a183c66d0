using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CilBench.Core.Tests.Data;

/// <summary>
/// A tiny HTTP/1.1 server on 127.0.0.1 (a free port) serving fixed bodies by path, 404 otherwise; one request per
/// connection. It stops when disposed, and each connection is bounded by a timeout.
/// </summary>
public sealed class LoopbackHttpServer : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly Dictionary<string, byte[]> files;
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;
    private int requests;

    public LoopbackHttpServer(Dictionary<string, byte[]> files)
    {
        this.files = files;
        listener.Start();
        loop = Task.Run(AcceptLoop);
    }

    public Uri BaseUrl => new($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");

    public int Requests => Volatile.Read(ref requests);

    private async Task AcceptLoop()
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var client = await listener.AcceptTcpClientAsync(stop.Token);
                _ = Task.Run(() => Serve(client));
            }
        }
        catch (OperationCanceledException) { }
        catch (SocketException) { }
    }

    private async Task Serve(TcpClient client)
    {
        using var _ = client;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        try
        {
            var stream = client.GetStream();
            var head = new StringBuilder();
            var buffer = new byte[1024];
            while (!head.ToString().Contains("\r\n\r\n") && head.Length < 8192)
            {
                var n = await stream.ReadAsync(buffer, timeout.Token);
                if (n == 0) return;
                head.Append(Encoding.ASCII.GetString(buffer, 0, n));
            }
            Interlocked.Increment(ref requests);
            var path = head.ToString().Split(' ')[1];
            var found = files.TryGetValue(path, out var body);
            body ??= "not found"u8.ToArray();
            var status = found ? "200 OK" : "404 Not Found";
            var header = $"HTTP/1.1 {status}\r\nContent-Length: {body.Length}\r\nContent-Type: application/octet-stream\r\nConnection: close\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(header), timeout.Token);
            await stream.WriteAsync(body, timeout.Token);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or SocketException) { }
    }

    public void Dispose()
    {
        stop.Cancel();
        listener.Stop();
        loop.Wait(TimeSpan.FromSeconds(5));
        stop.Dispose();
    }
}
