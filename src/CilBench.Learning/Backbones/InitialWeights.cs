using CilBench.Torch;

namespace CilBench.Learning.Backbones;

/// <summary>
/// A method's first backbone draws its initial weights from a generator seeded by the run's seed alone, wherever the
/// method builds it (in its constructor, or in its first Learn after other draws): the same backbone and seed give
/// every method the same initial weights, so methods compared on a seed start from the same point.
/// </summary>
public static class InitialWeights
{
    /// <summary>Runs <paramref name="build"/> with every default initialiser drawing from a generator seeded by <paramref name="seed"/>.</summary>
    public static T Build<T>(int seed, Func<T> build)
    {
        using var generator = new Generator((ulong)(uint)seed);
        using var _ = torch.nn.init.Seeded(generator);
        return build();
    }
}
