namespace CilBench.Torch;

/// <summary>
/// Collects every tensor created on this thread while it is the innermost scope, and frees them when disposed.
/// Scopes nest; a tensor that must outlive the scope is moved out explicitly (<see cref="Tensor.MoveToOuterScope"/>
/// or <see cref="Tensor.DetachFromDisposeScope"/>).
/// </summary>
public sealed class DisposeScope : IDisposable
{
    [ThreadStatic] private static DisposeScope? current;

    private readonly DisposeScope? outer;
    private readonly List<Tensor> tensors = [];
    private bool disposed;

    private DisposeScope(DisposeScope? outer) => this.outer = outer;

    internal static DisposeScope? Current => current;

    internal static DisposeScope Enter() => current = new DisposeScope(current);

    /// <summary>The scope this one is nested in, if any.</summary>
    public DisposeScope? Outer => outer;

    internal void Add(Tensor t)
    {
        t.Scope = this;
        tensors.Add(t);
    }

    internal void MoveToOuter(Tensor t)
    {
        if (outer is null) t.Scope = null;
        else outer.Add(t);
    }

    public void Dispose()
    {
        if (disposed) return;
        // Checked before marking this scope disposed, so that after the error it can still be disposed in order.
        if (current != this)
            throw new InvalidOperationException("dispose scopes must be disposed innermost first, on the thread that made them");
        disposed = true;
        current = outer;
        foreach (var t in tensors)
            if (ReferenceEquals(t.Scope, this)) t.Dispose();
        tensors.Clear();
    }
}
