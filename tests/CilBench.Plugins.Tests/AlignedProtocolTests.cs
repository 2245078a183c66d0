using CilBench.Core.Hosting;
using CilBench.Core.Protocols;
using CilBench.Learning.Backbones;
using CilBench.Plugins.Grace;
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

    /// <summary>
    /// MEMO's utils/model2exemplar.py from our parameter counts: a point costs DER's 10 backbones + 2000 CIFAR
    /// exemplars (ResNet32 + 2000 at the ConvNet2 point); a method gets 2000 exemplars + what it saves against that
    /// cost, floor(4 x parameters / 3072).
    /// </summary>
    [Fact]
    public void TheCifarLadderIsMemosModelToExemplarArithmetic()
    {
        const long resnet32 = 463_504, image = 3072;
        var exemplars = Load("cifar100-b0inc10-aligned-exemplars.json");
        var budget = Load("cifar100-b0inc10-aligned-budget.json");
        Assert.Equal(5, exemplars.Points.Count);
        for (var k = 0; k < 5; k++)
        {
            var point = exemplars.Points[k];
            var net = point.BackboneFor("memo")!;
            var der = 10 * Parameters(net);
            var cost = k == 0 ? resnet32 : der;
            Assert.Equal(2000 + 4 * (cost - MemoParameters(net, 10)) / image, point.ExemplarsFor("memo"));
            Assert.Equal(2000 + 4 * (cost - resnet32) / image, point.ExemplarsFor("icarl"));
            Assert.Equal(point.ExemplarsFor("icarl"), point.ExemplarsFor("wa"));
            Assert.Equal(point.ExemplarsFor("icarl"), point.ExemplarsFor("replay"));
            Assert.Equal(2000 + 4 * (cost - der) / image, point.ExemplarsFor("der"));
            Assert.Equal(point.ExemplarsFor("der"), point.ExemplarsFor("grace"));
            Assert.Equal("resnet32", point.BackboneFor("icarl"));
            Assert.Equal(net, point.BackboneFor("grace"));
            // The point's megabytes: DER's cost with 2000 exemplars, to one decimal as MEMO's tables print it.
            var megabytes = (4.0 * Math.Max(cost, der) + 2000 * image) / BudgetPoint.BytesPerMegabyte;
            Assert.Equal(Math.Round(megabytes, 1), point.Bytes!.Value / BudgetPoint.BytesPerMegabyte, 1);
            Assert.Equal(point.Bytes, budget.Points[k].Bytes);
            Assert.Equal(net, budget.Points[k].BackboneFor("memo"));
        }
        Assert.Equal(new[] { 2118, 2495, 2768, 3040, 3312 }, exemplars.Points.Select(p => p.ExemplarsFor("memo")));
        Assert.Equal(new[] { 2000, 3634, 4900, 6165, 7431 }, exemplars.Points.Select(p => p.ExemplarsFor("icarl")));
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
