using System.CommandLine;
using CilBench.Cli.Commands;

var root = new RootCommand("CilBench: a class-incremental learning benchmark harness");
root.Subcommands.Add(BenchCommand.Create());
return root.Parse(args).Invoke();
