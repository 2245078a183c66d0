namespace CilBench.Core.Data;

/// <summary>
/// A Python dict from a pickle. Keys are kept as read: <c>str</c> (string) or, in Python 2 pickles such as the
/// official CIFAR batches, byte strings (byte[]); lookups by name match either.
/// </summary>
public sealed class PickleDictionary
{
    private readonly List<KeyValuePair<object?, object?>> items = [];

    public int Count => items.Count;

    internal void Set(object? key, object? value)
    {
        var i = items.FindIndex(kv => SameKey(kv.Key, key));
        if (i >= 0) items[i] = new(key, value);
        else items.Add(new(key, value));
    }

    /// <summary>The value under str key <paramref name="name"/> or byte-string key <c>b'name'</c>.</summary>
    public bool TryGetValue(string name, out object? value)
    {
        foreach (var kv in items)
            if (KeyName(kv.Key) == name)
            {
                value = kv.Value;
                return true;
            }
        value = null;
        return false;
    }

    /// <summary>Key names as text (byte-string keys decoded as Latin-1, as Python 2 wrote them).</summary>
    public IEnumerable<string> KeyNames => items.Select(kv => KeyName(kv.Key) ?? PickleReader.Describe(kv.Key));

    private static string? KeyName(object? key) => PickleReader.AsText(key);

    private static bool SameKey(object? a, object? b) =>
        a is byte[] x && b is byte[] y ? x.AsSpan().SequenceEqual(y) : Equals(a, b);
}
