namespace CilBench.Torch;

/// <summary>
/// Collects every tensor created on this thread while it is the innermost scope, and frees them when disposed.
/// Scopes nest; a tensor that must outlive the scope is moved out explicitly (<see cref="Tensor.MoveToOuterScope"/>
/// or <see cref="Tensor.DetachFromDisposeScope"/>). Disposing a scope also disposes the scopes still open inside it,
/// and a disposed scope never stays current, whatever the order or thread of disposal.
/// </summary>
public sealed class DisposeScope : IDisposable
{
    [ThreadStatic] private static DisposeScope? current;

    private readonly DisposeScope? outer;
    private readonly List<Tensor> tensors = [];
    private readonly Lock gate = new();
    private volatile bool disposed;

    private DisposeScope(DisposeScope? outer) => this.outer = outer;

    /// <summary>The innermost live scope of this thread; scopes disposed elsewhere are dropped here.</summary>
    internal static DisposeScope? Current
    {
        get
        {
            while (current is { disposed: true }) current = current.outer;
            return current;
        }
    }

    internal static DisposeScope Enter() => current = new DisposeScope(Current);

    /// <summary>The scope this one is nested in, if any.</summary>
    public DisposeScope? Outer => outer;

    /// <summary>Whether this scope has been disposed (its tensors freed).</summary>
    public bool IsDisposed => disposed;

    internal void Add(Tensor t)
    {
        lock (gate)
        {
            if (disposed) throw new ObjectDisposedException(nameof(DisposeScope), "cannot add a tensor to a disposed dispose scope");
            t.Scope = this;
            tensors.Add(t);
        }
    }

    internal void MoveToOuter(Tensor t)
    {
        var target = outer;
        while (target is { disposed: true }) target = target.outer;
        if (target is null) t.Scope = null;
        else target.Add(t);
    }

    public void Dispose()
    {
        // Scopes opened inside this one on this thread end with it, innermost first.
        for (var s = Current; s is not null && s != this && OnChainOf(s); s = Current) s.Dispose();
        List<Tensor> owned;
        lock (gate)
        {
            if (disposed) return;
            disposed = true;
            owned = [.. tensors];
            tensors.Clear();
        }
        if (current == this) current = outer;
        _ = Current;  // skips outer scopes that were disposed on another thread
        foreach (var t in owned)
            if (ReferenceEquals(t.Scope, this)) t.Dispose();
    }

    // Whether this scope is an outer scope of s.
    private bool OnChainOf(DisposeScope s)
    {
        for (var o = s.outer; o is not null; o = o.outer)
            if (o == this) return true;
        return false;
    }
}
