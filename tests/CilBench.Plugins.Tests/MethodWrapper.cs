using CilBench.Abstractions;

namespace CilBench.Plugins.Tests;

/// <summary>
/// A test method that wraps a plugin's method to watch it. The restart audit reloads the plugin itself into a fresh
/// load context; <see cref="Around"/> wraps that fresh method the same way, so watching goes on across stages.
/// </summary>
public interface IMethodWrapper
{
    IMethod Inner { get; }

    /// <summary>A wrapper like this one around <paramref name="fresh"/>, sharing what this one has recorded.</summary>
    IMethod Around(IMethod fresh);
}
