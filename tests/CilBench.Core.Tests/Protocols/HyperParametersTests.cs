using System.Text;
using CilBench.Core.Protocols;

namespace CilBench.Core.Tests.Protocols;

/// <summary>Protocol.HyperParametersFor: method defaults, then the recipe, then per-method overrides, then the budget point's backbone.</summary>
public class HyperParametersTests
{
    private const string Defaults = """{ "backbone": "resnet32", "epochs": 170, "lr": 0.1, "milestones": [60, 120], "nesterov": false }""";

    private static Protocol Protocol(string recipe, string methods = "{}", string backbones = "null") =>
        new ProtocolLoader(new FakeDatasets()).Parse(Encoding.UTF8.GetBytes($$"""
            {
              "name": "hp",
              "dataset": { "name": "ten" },
              "classOrder": { "seed": 1993 },
              "initialClasses": 2,
              "increment": 2,
              "memory": { "policy": "fixed-total", "points": [ { "name": "m20", "exemplars": 20, "backbones": {{backbones}} } ] },
              "recipe": {{recipe}},
              "methods": {{methods}},
              "seeds": [1]
            }
            """), "hp.json");

    private static string Merge(Protocol p, string method) => p.HyperParametersFor(method, Defaults, p.Points[0]).ToJsonString();

    [Fact]
    public void RecipeThenMethodOverridesApplyInOrder()
    {
        var p = Protocol("""{ "epochs": 5, "lr": 0.05 }""", """{ "icarl": { "lr": 0.01, "milestones": [3] } }""");

        Assert.Equal("""{"backbone":"resnet32","epochs":5,"lr":0.01,"milestones":[3],"nesterov":false}""", Merge(p, "icarl"));
        Assert.Equal("""{"backbone":"resnet32","epochs":5,"lr":0.05,"milestones":[60,120],"nesterov":false}""", Merge(p, "wa"));
    }

    [Fact]
    public void NoOverridesGiveTheDefaults() =>
        Assert.Equal("""{"backbone":"resnet32","epochs":170,"lr":0.1,"milestones":[60,120],"nesterov":false}""", Merge(Protocol("null"), "wa"));

    [Theory]
    [InlineData("""{ "epochz": 1 }""", "{}", "recipe.epochz")]
    [InlineData("{}", """{ "icarl": { "temperature": 2 } }""", "methods.icarl.temperature")]
    public void UnknownKeyNamesTheFieldAndListsTheMethodsKeys(string recipe, string methods, string field)
    {
        var e = Assert.Throws<ProtocolException>(() => Merge(Protocol(recipe, methods), "icarl"));
        Assert.StartsWith("hp.json: " + field + " ", e.Message);
        Assert.Contains("backbone, epochs, lr, milestones, nesterov", e.Message);
    }

    [Theory]
    [InlineData("""{ "epochs": "many" }""", "recipe.epochs", "a number")]
    [InlineData("""{ "milestones": 60 }""", "recipe.milestones", "an array")]
    [InlineData("""{ "nesterov": 1 }""", "recipe.nesterov", "a boolean")]
    [InlineData("""{ "backbone": 18 }""", "recipe.backbone", "a string")]
    public void TypeMismatchIsAnError(string recipe, string field, string expected)
    {
        var e = Assert.Throws<ProtocolException>(() => Merge(Protocol(recipe), "icarl"));
        Assert.Contains(field, e.Message);
        Assert.Contains("must be " + expected, e.Message);
    }

    [Fact]
    public void BudgetPointBackboneOverridesTheBackbone()
    {
        var p = Protocol("""{ "backbone": "resnet20" }""", """{ "memo": { "backbone": "resnet14" } }""",
            """{ "memo": "resnet32-memo", "*": "resnet8" }""");

        Assert.Contains("\"backbone\":\"resnet32-memo\"", Merge(p, "memo"));
        Assert.Contains("\"backbone\":\"resnet8\"", Merge(p, "icarl"));
    }

    [Fact]
    public void BackboneForAMethodWithoutOneIsAnError()
    {
        var p = Protocol("null", backbones: """{ "*": "resnet8" }""");
        var e = Assert.Throws<ProtocolException>(() => p.HyperParametersFor("nme", """{ "k": 1 }""", p.Points[0]));
        Assert.Contains("'backbone'", e.Message);
    }
}
