using CilBench.Abstractions;
using CilBench.Core.Hosting;
using CilBench.Core.Protocols;
using CilBench.Plugins.Finetune;
using CilBench.Plugins.Grace;
using CilBench.Plugins.Grown;
using CilBench.Plugins.ICaRL;
using CilBench.Plugins.Joint;
using CilBench.Plugins.Memo;
using CilBench.Plugins.Replay;
using CilBench.Plugins.WA;
using Microsoft.Extensions.DependencyInjection;

namespace CilBench.Plugins.Tests;

/// <summary>Every protocol under protocols/ loads, and each of its per-method settings reaches a shipped method.</summary>
public class ShippedProtocolTests
{
    private static readonly IMethod[] Shipped =
        [new FinetuneMethod(), new ReplayMethod(), new JointMethod(), new ICaRLMethod(), new WAMethod(), new MemoMethod(), new GraceMethod(), new GrownMethod()];

    public static TheoryData<string> Files()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CilBench.sln"))) dir = dir.Parent;
        return [.. Directory.GetFiles(Path.Combine(dir!.FullName, "protocols"), "*.json").Order()];
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void LoadsAndNamesOnlyShippedMethods(string file)
    {
        using var services = CilBenchServices.Build();
        var protocol = services.GetRequiredService<ProtocolLoader>().Load(file);

        protocol.CheckMethodNames(Shipped.Select(m => m.Name).ToList());
        foreach (var method in Shipped)
        foreach (var point in protocol.Points)
            Assert.NotNull(protocol.HyperParametersFor(method.Name, method.DefaultHyperParameters, point));
    }
}
