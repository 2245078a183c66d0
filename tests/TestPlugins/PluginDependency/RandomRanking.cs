namespace PluginDependency;

/// <summary>
/// A helper GoodPlugin carries beside itself, as real plugins carry CilBench.Learning: it must resolve from the
/// plugin's folder, and a folder scan must skip it silently.
/// </summary>
public static class RandomRanking
{
    /// <summary>Positions 0..count-1 in a random order that depends only on the seed.</summary>
    public static long[] Order(int count, int seed)
    {
        var order = new long[count];
        for (var i = 0; i < count; i++) order[i] = i;
        new Random(seed).Shuffle(order);
        return order;
    }
}
