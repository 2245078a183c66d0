using System.CommandLine;
using CilBench.Core.Plugins;

namespace CilBench.Cli.Commands;

/// <summary>Options several commands share: where plugins come from, where results go.</summary>
internal static class CommonOptions
{
    public static Option<string[]> PluginDirectories() => new("--plugins")
    {
        Description = "Extra directory of method plugins (repeatable); the plugins folder beside cilbench is always searched",
        AllowMultipleArgumentsPerToken = false,
    };

    public static Option<string[]> PluginFiles() => new("--plugin")
    {
        Description = "A method plugin DLL to load (repeatable)",
    };

    public static Option<string> Output() => new("--out")
    {
        Description = "Results directory",
        DefaultValueFactory = _ => "results",
    };

    public static Option<string> Device() => new("--device")
    {
        Description = "cpu, cuda or cuda:N",
        DefaultValueFactory = _ => "cpu",
    };

    /// <summary>Loads the plugins and prints one line per plugin that could not be loaded.</summary>
    public static PluginCatalog LoadPlugins(ParseResult parse, Option<string[]> directories, Option<string[]> files)
    {
        var catalog = PluginLoader.Load(PluginSources.ForHost(parse.GetValue(directories) ?? [], parse.GetValue(files) ?? []));
        foreach (var d in catalog.Diagnostics) Console.Error.WriteLine($"plugin skipped: {d}");
        return catalog;
    }
}
