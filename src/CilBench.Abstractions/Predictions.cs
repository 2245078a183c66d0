using CilBench.Torch;

namespace CilBench.Abstractions;

/// <summary>Scores from one or more named heads (e.g. "cnn", "nme"), primary head first.</summary>
public sealed class Predictions : IDisposable
{
    private readonly List<KeyValuePair<string, Tensor>> heads = [];

    /// <summary>Adds a head: N x (classes seen) scores, higher is better.</summary>
    public Predictions Add(string head, Tensor scores)
    {
        if (heads.Exists(h => h.Key == head)) throw new ArgumentException($"head '{head}' was added twice");
        heads.Add(new(head, scores.DetachFromDisposeScope()));
        return this;
    }

    /// <summary>The heads in the order they were added; the first is the primary head.</summary>
    public IReadOnlyList<KeyValuePair<string, Tensor>> Heads => heads;

    /// <summary>Frees the score tensors.</summary>
    public void Dispose()
    {
        foreach (var (_, t) in heads) t.Dispose();
        heads.Clear();
    }
}
