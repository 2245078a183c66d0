using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CilBench.Reports.Tests.Browser;

/// <summary>
/// Debian's chromium, headless, driven over the DevTools protocol on a loopback port (a fresh profile each time): open
/// a page, record every request it makes, read its DOM through scripts, take a screenshot.
/// </summary>
internal sealed class HeadlessChromium : IAsyncDisposable
{
    private readonly Process process;
    private readonly ClientWebSocket socket = new();
    private readonly string profile;
    private readonly List<JsonObject> events = [];
    private int nextId;

    public static string? Executable =>
        new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists);

    private HeadlessChromium(Process process, string profile) => (this.process, this.profile) = (process, profile);

    /// <summary>Every URL the page asked for since the last <see cref="Open"/>.</summary>
    public List<string> Requests { get; } = [];

    public static async Task<HeadlessChromium> Start()
    {
        var exe = Executable ?? throw new InvalidOperationException("chromium is not installed: run scripts/setup.sh");
        var profile = Directory.CreateTempSubdirectory("cilbench-chromium-").FullName;
        var info = new ProcessStartInfo(exe) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[]
                 {
                     "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", $"--user-data-dir={profile}",
                     "--remote-debugging-port=0", "--window-size=1280,1600", "--hide-scrollbars", "about:blank",
                 })
            info.ArgumentList.Add(a);
        var process = Process.Start(info)!;
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var browser = new HeadlessChromium(process, profile);
        var portFile = Path.Combine(profile, "DevToolsActivePort");
        var clock = Stopwatch.StartNew();
        while (!File.Exists(portFile) || File.ReadAllLines(portFile).Length < 1)
        {
            if (process.HasExited || clock.Elapsed > TimeSpan.FromSeconds(60))
                throw new InvalidOperationException($"chromium did not start (exit: {(process.HasExited ? process.ExitCode : "still running")})");
            await Task.Delay(100);
        }
        var port = File.ReadAllLines(portFile)[0].Trim();
        using var http = new HttpClient();
        var targets = JsonNode.Parse(await http.GetStringAsync($"http://127.0.0.1:{port}/json/list"))!.AsArray();
        var page = targets.First(t => (string?)t!["type"] == "page")!;
        await browser.socket.ConnectAsync(new Uri((string)page["webSocketDebuggerUrl"]!), CancellationToken.None);
        await browser.Call("Network.enable");
        await browser.Call("Page.enable");
        return browser;
    }

    /// <summary>Loads a page and waits for its load event; <see cref="Requests"/> then holds what it fetched.</summary>
    public async Task Open(string file)
    {
        Requests.Clear();
        lock (events) events.Clear();
        await Call("Page.navigate", new JsonObject { ["url"] = new Uri(file).AbsoluteUri });
        await Until(e => (string?)e["method"] == "Page.loadEventFired");
        // Late requests (a script, an image, a font) would show within this grace.
        await Task.Delay(500);
        await Drain();
    }

    /// <summary>Evaluates a script expression in the page and returns its value (JSON-serialisable).</summary>
    public async Task<JsonNode?> Evaluate(string expression)
    {
        var result = await Call("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["returnByValue"] = true });
        if (result["exceptionDetails"] is { } error) throw new InvalidOperationException($"script failed: {error.ToJsonString()}");
        return result["result"]!["value"];
    }

    /// <summary>A PNG screenshot of the whole page.</summary>
    public async Task<byte[]> Screenshot()
    {
        var result = await Call("Page.captureScreenshot", new JsonObject { ["format"] = "png" });
        return Convert.FromBase64String((string)result["data"]!);
    }

    private async Task<JsonObject> Call(string method, JsonObject? parameters = null)
    {
        var id = ++nextId;
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters ?? new JsonObject() };
        await socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);
        var reply = await Until(e => (int?)e["id"] == id);
        if (reply["error"] is { } error) throw new InvalidOperationException($"{method}: {error.ToJsonString()}");
        return reply["result"]!.AsObject();
    }

    // Reads messages until one matches; events on the way are recorded (requests) and kept.
    private async Task<JsonObject> Until(Func<JsonObject, bool> match)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var message = await Receive(timeout.Token);
            Record(message);
            if (match(message)) return message;
        }
    }

    private async Task Drain()
    {
        using var grace = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        try
        {
            while (true) Record(await Receive(grace.Token));
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Record(JsonObject message)
    {
        if ((string?)message["method"] == "Network.requestWillBeSent")
            Requests.Add((string)message["params"]!["request"]!["url"]!);
        lock (events) events.Add(message);
    }

    private readonly byte[] buffer = new byte[1 << 16];
    private Task<WebSocketReceiveResult>? pending;

    private async Task<JsonObject> Receive(CancellationToken cancel)
    {
        using var text = new MemoryStream();
        while (true)
        {
            // A receive cut short by a timeout stays pending and is picked up by the next call, so no message is lost.
            pending ??= socket.ReceiveAsync(buffer, CancellationToken.None);
            var done = await Task.WhenAny(pending, Task.Delay(Timeout.Infinite, cancel));
            if (done != pending) throw new OperationCanceledException(cancel);
            var result = await pending;
            pending = null;
            text.Write(buffer, 0, result.Count);
            if (result.EndOfMessage) return JsonNode.Parse(text.ToArray())!.AsObject();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Call("Browser.close");
        }
        catch (Exception e) when (e is WebSocketException or InvalidOperationException or OperationCanceledException)
        {
        }
        if (!process.WaitForExit(10_000)) process.Kill(entireProcessTree: true);
        process.Dispose();
        socket.Dispose();
        Directory.Delete(profile, recursive: true);
    }
}
