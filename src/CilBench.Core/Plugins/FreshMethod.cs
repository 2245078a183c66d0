using System.Runtime.Loader;
using CilBench.Abstractions;

namespace CilBench.Core.Plugins;

/// <summary>
/// A method object made anew from its plugin DLL in a load context of its own (collectible), for the restart audit:
/// static fields and fields of the run's method object do not carry over into it. Disposing unloads the context once
/// nothing of it is in use.
/// </summary>
public sealed class FreshMethod : IDisposable
{
    private readonly AssemblyLoadContext? context;

    /// <param name="method">The new method object.</param>
    /// <param name="context">The context it lives in, unloaded on <see cref="Dispose"/> (null: nothing to unload).</param>
    public FreshMethod(IMethod method, AssemblyLoadContext? context = null)
    {
        Method = method;
        this.context = context;
    }

    public IMethod Method { get; }

    /// <summary>Loads <paramref name="typeName"/> from the plugin DLL into a new collectible context and instantiates it.</summary>
    public static FreshMethod Load(string pluginPath, string typeName)
    {
        var context = new PluginLoadContext(pluginPath, collectible: true);
        try
        {
            var type = context.LoadFromAssemblyPath(pluginPath).GetType(typeName, throwOnError: true)!;
            return new FreshMethod((IMethod)Activator.CreateInstance(type)!, context);
        }
        catch
        {
            context.Unload();
            throw;
        }
    }

    /// <summary>The same context around another method object, e.g. one that wraps this one.</summary>
    public FreshMethod Wrap(Func<IMethod, IMethod> wrap) => new(wrap(Method), context);

    public void Dispose() => context?.Unload();
}
