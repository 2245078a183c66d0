using System.Security.Cryptography;
using System.Text.Json;

namespace CilBench.Core.Protocols;

/// <summary>
/// Reads and validates a protocol file before any work starts. Unknown fields, wrong types, splits that do not
/// cover the dataset's classes and impossible budgets are errors naming the file and the field.
/// </summary>
public sealed class ProtocolLoader(IDatasetInfoSource datasets)
{
    public Protocol Load(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ProtocolException($"{path}: cannot read the protocol file: {e.Message}", e);
        }
        return Parse(bytes, path);
    }

    public Protocol Parse(byte[] json, string where)
    {
        ProtocolSpec spec;
        try
        {
            spec = JsonSerializer.Deserialize<ProtocolSpec>(json, ProtocolJson.Options)
                ?? throw new ProtocolException($"{where}: the file holds null, expected a protocol object");
        }
        catch (JsonException e)
        {
            var field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "" : $"{e.Path.TrimStart('$', '.')}: ";
            throw new ProtocolException($"{where}: {field}{Plain(e.Message)}", e);
        }
        return Resolve(spec, where, Convert.ToHexStringLower(SHA256.HashData(json)));
    }

    private Protocol Resolve(ProtocolSpec spec, string where, string sha256)
    {
        [System.Diagnostics.CodeAnalysis.DoesNotReturn]
        void Fail(string field, string message) => throw new ProtocolException($"{where}: {field}: {message}");

        if (!PathSafeName.IsSafe(spec.Name))
            Fail("name", $"must be a name usable as a folder of the results directory (no spaces, no path separators), got '{spec.Name}'");
        var info = datasets.Find(spec.Dataset.Name);
        if (info is null) Fail("dataset.name", $"unknown dataset '{spec.Dataset.Name}' (known: {string.Join(", ", datasets.Names)})");
        if (spec.Dataset.Subset is { } sub)
        {
            if (sub.TrainPerClass is <= 0) Fail("dataset.subset.trainPerClass", $"must be positive, got {sub.TrainPerClass}");
            if (sub.TestPerClass is <= 0) Fail("dataset.subset.testPerClass", $"must be positive, got {sub.TestPerClass}");
        }
        var classes = info!.Classes;

        var order = ResolveClassOrder(spec.ClassOrder, classes, msg => Fail("classOrder", msg));

        if (spec.InitialClasses <= 0 || spec.InitialClasses > classes)
            Fail("initialClasses", $"must be between 1 and the dataset's {classes} classes, got {spec.InitialClasses}");
        if (spec.Increment <= 0) Fail("increment", $"must be positive, got {spec.Increment}");
        if ((classes - spec.InitialClasses) % spec.Increment != 0)
            Fail("increment", $"{spec.InitialClasses} initial classes plus steps of {spec.Increment} do not cover the dataset's {classes} classes");
        if (spec.TasksBy is not null)
            order = GroupByCoarseClass(order, info, spec, msg => Fail("tasksBy", msg));
        var tasks = new List<int[]> { order.Take(spec.InitialClasses).ToArray() };
        for (var start = spec.InitialClasses; start < classes; start += spec.Increment)
            tasks.Add(order.Skip(start).Take(spec.Increment).ToArray());

        var aug = spec.Augmentation;
        if (aug.CropPadding < 0) Fail("augmentation.cropPadding", $"must be >= 0, got {aug.CropPadding}");
        if (aug.Brightness is < 0 or >= 1) Fail("augmentation.brightness", $"must be in [0, 1), got {aug.Brightness}");
        if (aug.Mean is { } mean && mean.Length != info.Shape.Channels)
            Fail("augmentation.mean", $"needs {info.Shape.Channels} values (one per channel), got {mean.Length}");
        if (aug.Std is { } std && (std.Length != info.Shape.Channels || std.Any(s => s <= 0)))
            Fail("augmentation.std", $"needs {info.Shape.Channels} positive values (one per channel)");
        if ((aug.Mean is null) != (aug.Std is null))
            Fail(aug.Std is null ? "augmentation.std" : "augmentation.mean", "normalisation needs both mean and std");

        if (spec.Seeds.Length == 0) Fail("seeds", "needs at least one seed");
        if (spec.Seeds.GroupBy(x => x).FirstOrDefault(g => g.Count() > 1) is { } twice)
            Fail("seeds", $"seed {twice.Key} is listed twice");
        if (spec.Methods.Keys.GroupBy(k => k, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } sameMethod)
            Fail("methods", $"'{string.Join("' and '", sameMethod)}' name the same method (names ignore case)");
        if (spec.BaseModel is not (null or "shared")) Fail("baseModel", $"must be \"shared\" or absent, got \"{spec.BaseModel}\"");
        if (spec.Backends?.Problem() is { } backends) Fail("backends", backends);
        if (spec.Evaluation.BatchSize <= 0) Fail("evaluation.batchSize", $"must be positive, got {spec.Evaluation.BatchSize}");

        if (!MemoryPolicyNames.TryParse(spec.Memory.Policy, out var policy))
            Fail("memory.policy", $"unknown policy '{spec.Memory.Policy}' (known: {MemoryPolicyNames.Known})");
        if (spec.Memory.Points.Length == 0) Fail("memory.points", "needs at least one budget point");
        // Per-class quotas are bounded by what a class has to give: the subset, if the protocol takes one.
        var trainPerClass = Math.Min(info.TrainPerClass, spec.Dataset.Subset?.TrainPerClass ?? int.MaxValue);
        var points = spec.Memory.Points.Select((p, i) => ResolvePoint(p, policy, classes, trainPerClass, $"memory.points[{i}]", Fail)).ToList();
        var dup = points.GroupBy(p => p.Name).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null) Fail("memory.points", $"the name '{dup.Key}' is used twice");
        if (PublishedFigures.Problem(spec.Published, points) is { } published) Fail(published.Field, published.Message);

        return new Protocol
        {
            Spec = spec,
            File = where,
            Sha256 = sha256,
            ClassOrder = order,
            Tasks = tasks,
            Policy = policy,
            Points = points,
        };
    }

    // One task per coarse class: the class order regrouped so each coarse class's classes follow one another, groups
    // in the order their first class appears, classes within a group in the class order.
    private static int[] GroupByCoarseClass(int[] order, DatasetInfo info, ProtocolSpec spec, Action<string> fail)
    {
        if (spec.TasksBy != "coarse") fail($"must be \"coarse\" or absent, got \"{spec.TasksBy}\"");
        if (info.CoarseOfClass is not { } coarse)
        {
            fail($"dataset '{info.Name}' has no coarse labels to group tasks by");
            return order;
        }
        var groups = order.GroupBy(c => coarse[c]).Select(g => g.ToArray()).ToList();
        if (groups.Any(g => g.Length != spec.Increment) || spec.InitialClasses != spec.Increment)
            fail($"tasks by coarse class need initialClasses and increment equal to the coarse classes' size ({string.Join(", ", groups.Select(g => g.Length).Distinct())}), got {spec.InitialClasses} and {spec.Increment}");
        return [.. groups.SelectMany(g => g)];
    }

    private static int[] ResolveClassOrder(JsonElement element, int classes, Action<string> fail)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                if (element.EnumerateObject().Count() != 1 || !element.TryGetProperty("seed", out var seed) || !seed.TryGetInt64(out var s))
                    fail("must be a list of class ids or {\"seed\": N}");
                else if (s is < 0 or > uint.MaxValue)
                    fail($"seed must be between 0 and 2**32 - 1 (numpy's range), got {s}");
                else
                    return ClassOrder.FromSeed(classes, s).Order.ToArray();
                break;
            case JsonValueKind.Array:
                var ids = new List<int>();
                foreach (var v in element.EnumerateArray())
                {
                    if (!v.TryGetInt32(out var id)) fail($"entries must be integers, got {v.GetRawText()}");
                    ids.Add(id);
                }
                try
                {
                    return ClassOrder.FromList(ids, classes).Order.ToArray();
                }
                catch (ArgumentException e)
                {
                    fail(e.Message);
                }
                break;
            default:
                fail($"must be a list of class ids or {{\"seed\": N}}, got {element.ValueKind}");
                break;
        }
        throw new InvalidOperationException("unreachable");
    }

    private static BudgetPoint ResolvePoint(BudgetPointSpec p, MemoryPolicy policy, int classes, int trainPerClass,
        string field, Action<string, string> fail)
    {
        if (!PathSafeName.IsSafe(p.Name))
            fail($"{field}.name", $"must be a non-empty name usable in a file path, got '{p.Name}'");
        // Which fields each policy requires, and which it allows (exemplars: megabytes places the point on plots).
        var (required, allowed) = policy switch
        {
            MemoryPolicy.FixedTotal => (new[] { "exemplars" }, new[] { "exemplars" }),
            MemoryPolicy.PerClass => (["perClass"], ["perClass"]),
            MemoryPolicy.Budget => (["megabytes|bytes"], ["megabytes", "bytes"]),
            _ => (["exemplarsByMethod"], ["exemplarsByMethod", "megabytes", "bytes"]),
        };
        var present = new (string name, bool set)[]
        {
            ("exemplars", p.Exemplars.HasValue), ("perClass", p.PerClass.HasValue), ("megabytes", p.Megabytes.HasValue),
            ("exemplarsByMethod", p.ExemplarsByMethod is not null), ("bytes", p.Bytes.HasValue),
        };
        foreach (var (name, set) in present)
            if (set && !allowed.Contains(name))
                fail($"{field}.{name}", $"does not apply to the '{policy.Name()}' policy (it uses {string.Join(", ", allowed)})");
        // "a|b": one of the two.
        foreach (var need in required)
            if (!need.Split('|').Any(n => present.Any(x => x.name == n && x.set)))
                fail($"{field}.{need.Replace("|", " or ")}", $"is required by the '{policy.Name()}' policy");
        if (p.Megabytes.HasValue && p.Bytes.HasValue)
            fail($"{field}.bytes", "give the budget once: megabytes or bytes, not both");
        switch (policy)
        {
            case MemoryPolicy.FixedTotal when p.Exemplars < classes:
                fail($"{field}.exemplars", $"{p.Exemplars} exemplars cannot hold one per class of the dataset's {classes} classes");
                break;
            case MemoryPolicy.PerClass when p.PerClass <= 0 || p.PerClass > trainPerClass:
                fail($"{field}.perClass", $"must be between 1 and the {trainPerClass} training samples per class, got {p.PerClass}");
                break;
            case MemoryPolicy.Budget or MemoryPolicy.Exemplars when p.Megabytes is <= 0:
                fail($"{field}.megabytes", $"must be positive, got {p.Megabytes}");
                break;
            case MemoryPolicy.Budget or MemoryPolicy.Exemplars when p.Bytes is <= 0:
                fail($"{field}.bytes", $"must be positive, got {p.Bytes}");
                break;
        }
        if (p.ExemplarsByMethod is { } byMethod)
            foreach (var (m, n) in byMethod)
                if (n < 0) fail($"{field}.exemplarsByMethod.{m}", $"must be >= 0, got {n}");
        var exemplarsByMethod = ByMethod(p.ExemplarsByMethod, $"{field}.exemplarsByMethod", fail);
        var backbones = ByMethod(p.Backbones, $"{field}.backbones", fail);
        var bytes = p.Bytes ?? (p.Megabytes is { } mb ? (long)Math.Floor(mb * BudgetPoint.BytesPerMegabyte) : null);
        return new BudgetPoint(p.Name, policy, p.Exemplars, p.PerClass, bytes, exemplarsByMethod, backbones);
    }

    // Method names ignore case, so per-method keys do too; two keys for one method are an error, not a silent choice.
    private static Dictionary<string, T>? ByMethod<T>(Dictionary<string, T>? entries, string field, Action<string, string> fail)
    {
        if (entries is null) return null;
        var result = new Dictionary<string, T>(StringComparer.OrdinalIgnoreCase);
        foreach (var (m, v) in entries)
            if (!result.TryAdd(m, v)) fail(field, $"'{m}' names a method that another key already names (names ignore case)");
        return result;
    }

    // System.Text.Json appends "Path: ... | LineNumber: ..."; the path is already in front of our message.
    private static string Plain(string message)
    {
        var i = message.IndexOf(" Path:", StringComparison.Ordinal);
        return i < 0 ? message : message[..i];
    }
}
