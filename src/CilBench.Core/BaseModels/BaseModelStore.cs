using System.Text.Json;
using System.Text.Json.Nodes;
using CilBench.Abstractions;
using CilBench.Core.Fingerprints;
using CilBench.Core.Results;
using CilBench.Torch;
using CilBench.Torch.Serialization;

namespace CilBench.Core.BaseModels;

/// <summary>
/// The shared first-task models of a results directory (<c>DIR/base-models</c>), content-addressed: a model is
/// stored as <c>&lt;sha256 of the file&gt;.safetensors</c>, and <c>&lt;key&gt;.json</c> records which file the inputs
/// with that key (<see cref="BaseModelKey"/>) produced. A model is trained once: a cell that needs one another
/// process is training waits for it (a lock file beside it), and a stored file whose bytes no longer hash to its name
/// is an error, not a silent retrain.
/// </summary>
public sealed class BaseModelStore(string directory)
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    public string Directory => directory;

    /// <summary>The model for <paramref name="key"/>, from the store or, the first time, from <paramref name="train"/>.</summary>
    /// <param name="key">What the model is trained from.</param>
    /// <param name="device">Where the returned tensors go.</param>
    /// <param name="train">Trains the model: its tensors ("backbone.*", "fc.*") and the first task's classes.</param>
    /// <param name="log">Says whether it was trained or loaded.</param>
    /// <param name="cancellation">Stops waiting for another process's training.</param>
    public BaseModel GetOrTrain(BaseModelKey key, Device device, Func<(Dictionary<string, Tensor> Tensors, int Classes)> train, IRunLog log,
        CancellationToken cancellation)
    {
        System.IO.Directory.CreateDirectory(directory);
        using var _ = Lock(key.Value, cancellation);
        var pointer = Path.Combine(directory, key.Value + ".json");
        if (File.Exists(pointer)) return Load(pointer, device, log);

        var (tensors, classes) = train();
        try
        {
            var backbone = key.Inputs["backbone"]!.GetValue<string>();
            var bytes = SafeTensors.Serialize(tensors, new Dictionary<string, string> { ["key"] = key.Value, ["backbone"] = backbone, ["classes"] = classes.ToString() });
            var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
            AtomicFile.WriteAllBytes(Path.Combine(directory, sha + ".safetensors"), bytes);
            var record = new JsonObject { ["key"] = key.Value, ["sha256"] = sha, ["backbone"] = backbone, ["classes"] = classes, ["inputs"] = key.Inputs.DeepClone() };
            AtomicFile.WriteAllText(pointer, record.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            log.Info($"trained the shared first-task model {sha} ({backbone}, {classes} classes) into {directory}");
        }
        finally
        {
            foreach (var t in tensors.Values) t.Dispose();
        }
        return Load(pointer, device, log);
    }

    private static BaseModel Load(string pointer, Device device, IRunLog log)
    {
        JsonObject record;
        try
        {
            record = JsonNode.Parse(File.ReadAllText(pointer))!.AsObject();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NullReferenceException)
        {
            throw new FormatException($"{pointer}: not a base-model record ({e.Message})", e);
        }
        var sha = record["sha256"]?.GetValue<string>() ?? throw new FormatException($"{pointer}: no sha256");
        var file = Path.Combine(Path.GetDirectoryName(pointer)!, sha + ".safetensors");
        if (!File.Exists(file)) throw new FileNotFoundException($"{pointer} names {file}, which is missing", file);
        var bytes = File.ReadAllBytes(file);
        var actual = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
        if (actual != sha) throw new FormatException($"{file}: its bytes hash to {actual}, not to its name: the stored base model is corrupt");
        var (tensors, _) = SafeTensors.Deserialize(bytes);
        var onDevice = tensors.ToDictionary(kv => kv.Key, kv => kv.Value.to(device).DetachFromDisposeScope());
        foreach (var t in tensors.Values) t.Dispose();
        log.Info($"loaded the shared first-task model {sha} from {file}");
        return new BaseModel
        {
            Sha256 = sha,
            Backbone = record["backbone"]!.GetValue<string>(),
            Classes = record["classes"]!.GetValue<int>(),
            Tensors = onDevice,
        };
    }

    // One process trains a key at a time; the others wait here and then load what it stored.
    private IDisposable Lock(string key, CancellationToken cancellation)
    {
        var path = Path.Combine(directory, key + ".lock");
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                cancellation.WaitHandle.WaitOne(Poll);
                cancellation.ThrowIfCancellationRequested();
            }
        }
    }
}
