using CilBench.Core.Hosting;
using CilBench.Core.Memory;
using CilBench.Core.Protocols;
using CilBench.Learning.Backbones;
using CilBench.Plugins.Grace;
using CilBench.Plugins.ICaRL;
using Microsoft.Extensions.DependencyInjection;

namespace CilBench.Plugins.Tests;

/// <summary>The shipped protocols that replay MEMO's aligned ladder and GRACE's configurations.</summary>
public class AlignedProtocolTests
{
    private static Protocol Load(string file)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CilBench.sln"))) dir = dir.Parent;
        using var services = CilBenchServices.Build();
        return services.GetRequiredService<ProtocolLoader>().Load(Path.Combine(dir!.FullName, "protocols", file));
    }

    private static long Parameters(string backbone) { using var b = BackboneRegistry.Create(backbone); return b.parameter_count(); }

    private static long MemoParameters(string backbone, int tasks)
    {
        var (g, s) = BackboneRegistry.CreateSplit(backbone);
        using (g)
        using (s)
            return g.parameter_count() + tasks * s.parameter_count();
    }

    // MEMO's Table (the CIFAR-100 B0Inc10 ladder): exemplars of MEMO and of a single-model method at each point.
    private static readonly int[] MemoTableMemo = [2118, 2495, 2768, 3040, 3312];
    private static readonly int[] MemoTableSingle = [2000, 3634, 4900, 6165, 7431];
    private const long ResNet32 = 463_504, Image = 3072;

    /// <summary>A point's exact cost: DER's 10 backbones + 2000 CIFAR exemplars (ResNet32 + 2000 at the ConvNet2 point).</summary>
    private static long Cost(string backbone) => Math.Max(ResNet32, 10 * Parameters(backbone));

    /// <summary>
    /// MEMO's utils/model2exemplar.py from our parameter counts: a method gets 2000 exemplars + what it saves against a
    /// point's cost, floor(4 x parameters / 3072); the budget is that cost in bytes, exactly (not the MB label).
    /// </summary>
    [Fact]
    public void TheCifarLadderIsMemosModelToExemplarArithmetic()
    {
        var exemplars = Load("cifar100-b0inc10-aligned-exemplars.json");
        var budget = Load("cifar100-b0inc10-aligned-budget.json");
        Assert.Equal(5, exemplars.Points.Count);
        for (var k = 0; k < 5; k++)
        {
            var point = exemplars.Points[k];
            var net = point.BackboneFor("memo")!;
            var cost = Cost(net);
            Assert.Equal(2000 + 4 * (cost - MemoParameters(net, 10)) / Image, point.ExemplarsFor("memo"));
            Assert.Equal(2000 + 4 * (cost - ResNet32) / Image, point.ExemplarsFor("icarl"));
            Assert.Equal(point.ExemplarsFor("icarl"), point.ExemplarsFor("wa"));
            Assert.Equal(point.ExemplarsFor("icarl"), point.ExemplarsFor("replay"));
            Assert.Equal(2000 + 4 * (cost - 10 * Parameters(net)) / Image, point.ExemplarsFor("grace")); // DER's count
            Assert.Equal("resnet32", point.BackboneFor("icarl"));
            Assert.Equal(net, point.BackboneFor("grace"));
            Assert.Equal(4 * cost + 2000 * Image, point.Bytes);
            // The label is that cost to one decimal, as MEMO's tables print it.
            Assert.Equal(point.Name, $"{Math.Round(point.Bytes!.Value / BudgetPoint.BytesPerMegabyte, 1):0.0}MB");
            Assert.Equal(point.Bytes, budget.Points[k].Bytes);
            Assert.Equal(net, budget.Points[k].BackboneFor("memo"));
        }
        Assert.Equal(7_998_016, exemplars.Points[0].Bytes);
        Assert.Equal(MemoTableMemo, exemplars.Points.Select(p => p.ExemplarsFor("memo")));
        Assert.Equal(MemoTableSingle, exemplars.Points.Select(p => p.ExemplarsFor("icarl")));
    }

    /// <summary>
    /// Under the budget policy iCaRL keeps MEMO's count less only what CilBench counts beyond MEMO's backbone
    /// parameters at 100 classes: the classifier, the BN statistics and the NME class means.
    /// </summary>
    [Fact]
    public void UnderTheExactBudgetASingleModelMethodKeepsMemosCountLessTheStricterAccounting()
    {
        var protocol = Load("cifar100-b0inc10-aligned-budget.json");
        using var backbone = BackboneRegistry.Create("resnet32");
        var bnStatistics = backbone.named_buffers().Sum(b => b.Item2.nbytes);
        const long classifier = (64 * 100 + 100) * 4, classMeans = 100 * 64 * 4;
        var extra = classifier + bnStatistics + classMeans;
        Assert.Equal(60_936, extra);
        var model = new StateBytes(4 * ResNet32 + classifier, bnStatistics + classMeans, 4 * ResNet32, 0);
        var expected = new[] { 1980, 3614, 4880, 6146, 7411 };
        for (var k = 0; k < 5; k++)
        {
            var plan = new MemoryPlanner(protocol.Points[k], new ICaRLMethod(), Image).Plan(100, model);
            Assert.Equal(expected[k], plan.Capacity);
            // MEMO's count less the stricter accounting's bytes in exemplars: 19.8, so 20, or 19 where MEMO's own floor
            // had left part of an exemplar unused (the 19.8 MB point).
            Assert.InRange(MemoTableSingle[k] - plan.Capacity, extra / Image, (extra + Image - 1) / Image);
        }
    }

    [Theory]
    [InlineData("cifar100-b0inc10.json", 0.6, 0.96, 0.4, 1.6)]
    [InlineData("cifar100-b0inc5.json", 0.5, 0.9, 0.2, 0.8)]
    [InlineData("cifar100-b50inc10.json", 0.6, 0.96, 0.2, 0.8)]
    public void GraceGetsTheConfigurationItsRepositoryShips(string file, double tBase, double tDecay, double kd, double pred)
    {
        var protocol = Load(file);
        var method = new GraceMethod();
        var hyper = protocol.HyperParametersFor(method.Name, method.DefaultHyperParameters, protocol.Points[0]);
        Assert.Equal(tBase, hyper["tBase"]!.GetValue<double>());
        Assert.Equal(tDecay, hyper["tDecay"]!.GetValue<double>());
        Assert.Equal(kd, hyper["cKdFactor"]!.GetValue<double>());
        Assert.Equal(pred, hyper["cPredFactor"]!.GetValue<double>());
        Assert.Equal(5, hyper["preservationExponent"]!.GetValue<double>());
    }
}
