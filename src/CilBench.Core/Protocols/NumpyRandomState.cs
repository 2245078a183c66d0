namespace CilBench.Core.Protocols;

/// <summary>
/// The subset of numpy's legacy <c>np.random.RandomState</c> that class orders need: MT19937 seeded as
/// <c>np.random.seed(int)</c> seeds it, and <c>shuffle</c>/<c>permutation</c> drawing indices exactly as numpy does,
/// so that PyCIL's <c>np.random.seed(1993); np.random.permutation(100)</c> gives the same class order here.
/// </summary>
public sealed class NumpyRandomState
{
    private const int N = 624;
    private const int M = 397;
    private const uint MatrixA = 0x9908b0dfU;
    private const uint UpperMask = 0x80000000U;
    private const uint LowerMask = 0x7fffffffU;

    private readonly uint[] key = new uint[N];
    private int pos;

    /// <summary>Seeds as <c>np.random.seed(seed)</c>; numpy accepts 0 to 2**32 - 1.</summary>
    public NumpyRandomState(long seed)
    {
        if (seed is < 0 or > uint.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(seed), seed, "numpy seeds must be between 0 and 2**32 - 1");
        // numpy's legacy seed(int) is mt19937_seed (Knuth's init_genrand), not init_by_array: only array seeds use that.
        var s = (uint)seed;
        for (var i = 0; i < N; i++)
        {
            key[i] = s;
            s = unchecked(1812433253U * (s ^ (s >> 30)) + (uint)i + 1);
        }
        pos = N;
    }

    /// <summary>The next 32-bit output of MT19937 (numpy's <c>next_uint32</c> for the legacy generator).</summary>
    public uint NextUInt32()
    {
        if (pos == N) Generate();
        var y = key[pos++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680U;
        y ^= (y << 15) & 0xefc60000U;
        y ^= y >> 18;
        return y;
    }

    /// <summary>
    /// A uniform integer in [0, max], as numpy's <c>random_interval</c> for 32-bit bounds: rejection sampling under the
    /// smallest all-ones mask covering <paramref name="max"/> (numpy's legacy shuffle depends on this exact consumption).
    /// </summary>
    public uint Interval(uint max)
    {
        if (max == 0) return 0;
        var mask = max;
        mask |= mask >> 1;
        mask |= mask >> 2;
        mask |= mask >> 4;
        mask |= mask >> 8;
        mask |= mask >> 16;
        uint value;
        while ((value = NextUInt32() & mask) > max) { }
        return value;
    }

    /// <summary>Shuffles in place as numpy's legacy <c>RandomState.shuffle</c> on a 1-d array (Fisher-Yates, i = n-1 down to 1).</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (var i = items.Length - 1; i >= 1; i--)
        {
            var j = (int)Interval((uint)i);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary><c>np.random.permutation(n)</c>: a shuffled <c>arange(n)</c>.</summary>
    public int[] Permutation(int n)
    {
        if (n < 0) throw new ArgumentOutOfRangeException(nameof(n), n, "permutation length must be non-negative");
        var result = new int[n];
        for (var i = 0; i < n; i++) result[i] = i;
        Shuffle<int>(result);
        return result;
    }

    private void Generate()
    {
        int i;
        uint y;
        for (i = 0; i < N - M; i++)
        {
            y = (key[i] & UpperMask) | (key[i + 1] & LowerMask);
            key[i] = key[i + M] ^ (y >> 1) ^ ((0U - (y & 1)) & MatrixA);
        }
        for (; i < N - 1; i++)
        {
            y = (key[i] & UpperMask) | (key[i + 1] & LowerMask);
            key[i] = key[i + (M - N)] ^ (y >> 1) ^ ((0U - (y & 1)) & MatrixA);
        }
        y = (key[N - 1] & UpperMask) | (key[0] & LowerMask);
        key[N - 1] = key[M - 1] ^ (y >> 1) ^ ((0U - (y & 1)) & MatrixA);
        pos = 0;
    }
}
