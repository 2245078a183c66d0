using System.CommandLine;
using CilBench.Cli.Commands;
using CilBench.Core.Hosting;

using var services = CilBenchServices.Build();
var root = new RootCommand("CilBench: a benchmark harness for class-incremental learning under aligned memory budgets")
{
    RunCommand.Create(services),
    SweepCommand.Create(services),
    MethodsCommand.Create(),
    CheckCommand.Create(services),
    ProtocolsCommand.Create(services),
    DataCommand.Create(),
    ReportCommand.Create(),
    LeaderboardCommand.Create(services),
    BenchCommand.Create(services),
};
return await root.Parse(args).InvokeAsync();
