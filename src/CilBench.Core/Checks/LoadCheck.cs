using System.Runtime.Loader;
using CilBench.Abstractions;
using CilBench.Core.Plugins;
using CilBench.Torch;

namespace CilBench.Core.Checks;

/// <summary>
/// <see cref="ContractCheck.Load"/>: the plugin loads through the harness's own loader, from this file alone, into a load
/// context of its own, and sees the harness's contract and binding (so one Tensor type and one libtorch).
/// </summary>
internal static class LoadCheck
{
    private static readonly string[] Shared = [typeof(IMethod).Assembly.GetName().Name!, typeof(Tensor).Assembly.GetName().Name!];

    public static (CheckResult Result, LoadedMethod? Method) Run(string path)
    {
        var catalog = PluginLoader.Load(new PluginSources { Files = [path] });
        if (catalog.Diagnostics.Count > 0)
            return (CheckResult.Fail(ContractCheck.Load, string.Join("; ", catalog.Diagnostics.Select(d => d.Reason))), null);
        var loaded = catalog.Methods.Single();
        var assembly = loaded.Method.GetType().Assembly;
        var context = AssemblyLoadContext.GetLoadContext(assembly);
        if (context is null || context == AssemblyLoadContext.Default)
            return (CheckResult.Fail(ContractCheck.Load, "the method's assembly was loaded into the harness's default context"), null);
        // What the plugin compiled against resolves, in its context, to the harness's assemblies.
        var contract = typeof(IMethod).Assembly.GetName();
        var copies = Shared.Where(name => File.Exists(Path.Combine(Path.GetDirectoryName(loaded.Path)!, name + ".dll"))).ToList();
        var note = copies.Count == 0 ? ""
            : $"; the copies of {string.Join(" and ", copies)} beside it are ignored (reference them with ExcludeAssets=\"runtime\")";
        return (CheckResult.Pass(ContractCheck.Load,
            $"'{loaded.Name}' from {Path.GetFileName(loaded.Path)} in its own load context '{context.Name}'; {contract.Name} {contract.Version!.ToString(2)} and CilBench.Torch from the harness{note}"),
            loaded);
    }
}
