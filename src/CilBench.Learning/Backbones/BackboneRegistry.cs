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
    private sealed record Definition(
        Func<int, Backbone> Whole,
        Func<int, torch.nn.Module<Tensor, Tensor>> Generalized,
        Func<Backbone> Specialized);

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
                () => new SpecializedCifarResNet(depth));
        registry["convnet2"] = new(c => new ConvNet2(c), c => new GeneralizedConvNet2(c), () => new SpecializedConvNet2());
        foreach (var (name, layers) in new[] { ("resnet10", new[] { 1, 1, 1, 1 }), ("resnet18", [2, 2, 2, 2]), ("resnet34", [3, 4, 6, 3]) })
            registry[name] = new(c => new ResNet(layers, c), c => new GeneralizedResNet(layers, c), () => new SpecializedResNet(layers));
        return registry;
    }
}
