using CilBench.Torch;

namespace CilBench.Learning.Backbones;

/// <summary>
/// The backbones by name (PyCIL's <c>convnet_type</c> names, case-insensitive): <c>resnet8</c> ... <c>resnet56</c> are
/// PyCIL's CIFAR ResNets, <c>convnet2</c> MEMO's ConvNet, <c>resnet10</c>/<c>resnet18</c>/<c>resnet34</c> the ImageNet
/// ResNets. Each builds whole, or cut where MEMO cuts it. (Not named <c>Backbones</c>: inside CilBench.Learning
/// that name means the namespace.)
/// </summary>
public static class BackboneRegistry
{
    /// <param name="Whole">The whole backbone.</param>
    /// <param name="Generalized">MEMO's generalized part.</param>
    /// <param name="Specialized">MEMO's specialized part.</param>
    /// <param name="SpecializedPrefix">Where the whole backbone's specialized layers are (its names) and what the
    /// specialized part calls them.</param>
    private sealed record Definition(
        Func<int, Backbone> Whole,
        Func<int, torch.nn.Module<Tensor, Tensor>> Generalized,
        Func<Backbone> Specialized,
        (string Whole, string Part) SpecializedPrefix);

    private static readonly IReadOnlyDictionary<string, Definition> Registry = Build();

    /// <summary>Every registered name.</summary>
    public static IReadOnlyList<string> Names { get; } = Registry.Keys.ToList();

    /// <summary>The whole backbone for images of <paramref name="inChannels"/> channels.</summary>
    public static Backbone Create(string name, int inChannels = 3) => Find(name).Whole(inChannels);

    /// <summary>The backbone cut in MEMO's generalized and specialized parts (a fresh initialisation of each).</summary>
    public static BackboneSplit CreateSplit(string name, int inChannels = 3)
    {
        var definition = Find(name);
        return new BackboneSplit(definition.Generalized(inChannels), definition.Specialized());
    }

    /// <summary>
    /// A whole backbone's state cut as <see cref="CreateSplit"/> cuts the network: the generalized part's tensors keep
    /// their names, the specialized part's are renamed to what it calls them (e.g. ResNet32's <c>stage_3.*</c> is the
    /// specialized part's <c>final_stage.*</c>), so a plain first-task model loads into MEMO's network.
    /// </summary>
    public static (Dictionary<string, Tensor> Generalized, Dictionary<string, Tensor> Specialized) SplitState(string name, IReadOnlyDictionary<string, Tensor> whole)
    {
        var (from, to) = Find(name).SpecializedPrefix;
        var generalized = new Dictionary<string, Tensor>();
        var specialized = new Dictionary<string, Tensor>();
        foreach (var (key, t) in whole)
        {
            if (key.StartsWith(from, StringComparison.Ordinal)) specialized[to + key[from.Length..]] = t;
            else generalized[key] = t;
        }
        return (generalized, specialized);
    }

    /// <summary>A new specialized part (MEMO adds one per task on top of the shared generalized part).</summary>
    public static Backbone CreateSpecialized(string name) => Find(name).Specialized();

    private static Definition Find(string name) =>
        Registry.TryGetValue(name, out var definition)
            ? definition
            : throw new ArgumentException($"unknown backbone '{name}'; known: {string.Join(", ", Registry.Keys)}", nameof(name));

    private static Dictionary<string, Definition> Build()
    {
        var registry = new Dictionary<string, Definition>(StringComparer.OrdinalIgnoreCase);
        foreach (var depth in new[] { 8, 14, 20, 26, 32, 44, 56 })
            registry[$"resnet{depth}"] = new(c => new CifarResNet(depth, c), c => new GeneralizedCifarResNet(depth, c),
                () => new SpecializedCifarResNet(depth), ("stage_3.", "final_stage."));
        registry["convnet2"] = new(c => new ConvNet2(c), c => new GeneralizedConvNet2(c), () => new SpecializedConvNet2(), ("encoder.1.", "AdaptiveBlock."));
        foreach (var (name, layers) in new[] { ("resnet10", new[] { 1, 1, 1, 1 }), ("resnet18", [2, 2, 2, 2]), ("resnet34", [3, 4, 6, 3]) })
            registry[name] = new(c => new ResNet(layers, c), c => new GeneralizedResNet(layers, c), () => new SpecializedResNet(layers), ("layer4.", "layer4."));
        return registry;
    }
}
