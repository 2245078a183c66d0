using System.CommandLine;
using Spectre.Console;

namespace CilBench.Cli.Commands;

/// <summary>`cilbench methods`: the loaded methods (name, version, paper, file).</summary>
internal static class MethodsCommand
{
    public static Command Create()
    {
        var dirs = CommonOptions.PluginDirectories();
        var files = CommonOptions.PluginFiles();
        var command = new Command("methods", "List the method plugins that load") { dirs, files };
        command.SetAction(parse =>
        {
            var catalog = CommonOptions.LoadPlugins(parse, dirs, files);
            var table = new Table().AddColumns("name", "version", "paper", "file");
            foreach (var m in catalog.Methods.OrderBy(m => m.Name))
                table.AddRow(Markup.Escape(m.Name), Markup.Escape(m.Method.Version), Markup.Escape(m.Method.Paper), Markup.Escape(m.Path));
            AnsiConsole.Write(table);
            return catalog.Methods.Count > 0 ? 0 : 1;
        });
        return command;
    }
}
