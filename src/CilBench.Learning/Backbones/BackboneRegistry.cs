using CilBench.Torch;

namespace CilBench.Learning.Backbones;

/// <summary>
/// The backbones by name (PyCIL's <c>convnet_type</c> names, case-insensitive): <c>resnet8</c> ... <c>resnet56</c> are
/// PyCIL's CIFAR ResNets, <c>convnet2</c> MEMO's ConvNet, <c>resnet10</c>/<c>resnet18</c>/<c>resnet34</c> the ImageNet
/// ResNets, <c>lenet5</c> and <c>vgg16bn</c> CPG's and GROWN's networks. Each builds whole, the ones MEMO uses also cut
/// where MEMO cuts them, and <c>lenet5</c> and <c>vgg16bn</c> at a width fraction of their channels. (Not named <c>Backbones</c>: inside CilBench.Learning
/// that name means the namespace.)
/// </summary>
public static class BackboneRegistry
{
    /// <param name="Whole">The whole backbone for an input channel count and a width fraction.</param>
    /// <param name="Slims">Whether widths other than 1 are supported (otherwise <paramref name="Whole"/> ignores it).</param>
    /// <param name="Split">MEMO's generalized and specialized parts, and where the whole backbone's specialized layers
    /// are (its names) and what the specialized part calls them (null: no MEMO cut).</param>
    private sealed record Definition(Func<int, double, Backbone> Whole, bool Slims, Split? Split);

    private sealed record Split(
        Func<int, torch.nn.Module<Tensor, Tensor>> Generalized,
        Func<Backbone> Specialized,
        (string Whole, string Part) SpecializedPrefix);

    private static readonly IReadOnlyDictionary<string, Definition> Registry = Build();

    /// <summary>Every registered name.</summary>
    public static IReadOnlyList<string> Names { get; } = Registry.Keys.ToList();

    /// <summary>The whole backbone for images of <paramref name="inChannels"/> channels.</summary>
    public static Backbone Create(string name, int inChannels = 3) => Find(name).Whole(inChannels, 1.0);

    /// <summary>
    /// A slim (or wide) copy: every layer's channels scaled by <paramref name="width"/>, rounded, at least one.
    /// </summary>
    /// <exception cref="ArgumentException">The backbone has no width option, or the width is not positive.</exception>
    public static Backbone Create(string name, int inChannels, double width)
    {
        var definition = Find(name);
        if (!(width > 0) || !double.IsFinite(width)) throw new ArgumentException($"backbone width must be positive, got {width}", nameof(width));
        if (width != 1.0 && !definition.Slims)
            throw new ArgumentException($"backbone '{name}' has no width option (width {width}); the ones that have: {string.Join(", ", Registry.Where(kv => kv.Value.Slims).Select(kv => kv.Key))}", nameof(name));
        return definition.Whole(inChannels, width);
    }

    /// <summary>Whether <see cref="CreateSplit"/> knows where MEMO cuts this backbone.</summary>
    public static bool HasSplit(string name) => Find(name).Split is not null;

    /// <summary>The backbone cut in MEMO's generalized and specialized parts (a fresh initialisation of each).</summary>
    public static BackboneSplit CreateSplit(string name, int inChannels = 3)
    {
        var split = FindSplit(name);
        return new BackboneSplit(split.Generalized(inChannels), split.Specialized());
    }

    /// <summary>
    /// A whole backbone's state cut as <see cref="CreateSplit"/> cuts the network: the generalized part's tensors keep
    /// their names, the specialized part's are renamed to what it calls them (e.g. ResNet32's <c>stage_3.*</c> is the
    /// specialized part's <c>final_stage.*</c>), so a plain first-task model loads into MEMO's network.
    /// </summary>
    public static (Dictionary<string, Tensor> Generalized, Dictionary<string, Tensor> Specialized) SplitState(string name, IReadOnlyDictionary<string, Tensor> whole)
    {
        var (from, to) = FindSplit(name).SpecializedPrefix;
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
    public static Backbone CreateSpecialized(string name) => FindSplit(name).Specialized();

    private static Split FindSplit(string name) =>
        Find(name).Split ?? throw new ArgumentException($"backbone '{name}' has no MEMO cut (generalized and specialized parts); the ones that have: {string.Join(", ", Registry.Where(kv => kv.Value.Split is not null).Select(kv => kv.Key))}", nameof(name));

    private static Definition Find(string name) =>
        Registry.TryGetValue(name, out var definition)
            ? definition
            : throw new ArgumentException($"unknown backbone '{name}'; known: {string.Join(", ", Registry.Keys)}", nameof(name));

    private static Dictionary<string, Definition> Build()
    {
        var registry = new Dictionary<string, Definition>(StringComparer.OrdinalIgnoreCase);
        foreach (var depth in new[] { 8, 14, 20, 26, 32, 44, 56 })
            registry[$"resnet{depth}"] = new((c, _) => new CifarResNet(depth, c), false, new(c => new GeneralizedCifarResNet(depth, c),
                () => new SpecializedCifarResNet(depth), ("stage_3.", "final_stage.")));
        registry["convnet2"] = new((c, _) => new ConvNet2(c), false,
            new(c => new GeneralizedConvNet2(c), () => new SpecializedConvNet2(), ("encoder.1.", "AdaptiveBlock.")));
        foreach (var (name, layers) in new[] { ("resnet10", new[] { 1, 1, 1, 1 }), ("resnet18", [2, 2, 2, 2]), ("resnet34", [3, 4, 6, 3]) })
            registry[name] = new((c, _) => new ResNet(layers, c), false,
                new(c => new GeneralizedResNet(layers, c), () => new SpecializedResNet(layers), ("layer4.", "layer4.")));
        registry["lenet5"] = new((c, w) => new LeNet5(c, w), true, null);
        registry["vgg16bn"] = new((c, w) => new Vgg16Bn(c, w), true, null);
        return registry;
    }
}
