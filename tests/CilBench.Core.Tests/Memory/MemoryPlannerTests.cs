using CilBench.Core.Memory;
using CilBench.Core.Protocols;

namespace CilBench.Core.Tests.Memory;

public class MemoryPlannerTests
{
    private static CapacityPlan Plan(BudgetPoint point, string method, int seen, long modelBytes, long bytesPerExemplar) =>
        new MemoryPlanner(point, new NamedMethod(method), bytesPerExemplar).Plan(seen, new StateBytes(modelBytes, 0, 0, 0));

    // DESIGN.md: ResNet32 has 463,504 float32 parameters = 1,854,016 bytes; a CIFAR image is 3 x 32 x 32 = 3,072 bytes.
    private const long ResNet32Bytes = 1_854_016;
    private const long CifarImage = 3_072;

    private static BudgetPoint Budget(long bytes) => new("b", MemoryPolicy.Budget, null, null, bytes, null, null);

    [Fact]
    public void ResNet32IsWorth603CifarExemplars()
    {
        Assert.Equal(ResNet32Bytes, 463_504L * sizeof(float));
        // A budget of twice the model leaves the model's own bytes for exemplars: 1,854,016 / 3,072 = 603.5.
        Assert.Equal(603, Plan(Budget(2 * ResNet32Bytes), "icarl", 10, ResNet32Bytes, CifarImage).Capacity);
    }

    [Theory]
    [InlineData(10, 60)]
    [InlineData(100, 6)]
    [InlineData(7, 86)]
    public void BudgetExactlyFitting603Exemplars(int seen, int perClass)
    {
        var plan = Plan(Budget(ResNet32Bytes + 603 * CifarImage), "icarl", seen, ResNet32Bytes, CifarImage);
        Assert.Equal(new CapacityPlan(603, perClass), plan);
    }

    [Fact]
    public void OneByteLessHolds602()
    {
        var plan = Plan(Budget(ResNet32Bytes + 603 * CifarImage - 1), "icarl", 10, ResNet32Bytes, CifarImage);
        Assert.Equal(new CapacityPlan(602, 60), plan);
    }

    [Fact]
    public void ModelFillingTheBudgetLeavesNoExemplars() =>
        Assert.Equal(new CapacityPlan(0, 0), Plan(Budget(ResNet32Bytes), "icarl", 10, ResNet32Bytes, CifarImage));

    [Fact]
    public void ModelOverTheBudgetIsRefusedNamingThePoint()
    {
        var point = new BudgetPoint("tiny-1.7mb", MemoryPolicy.Budget, null, null, ResNet32Bytes - 1, null, null);
        var e = Assert.Throws<OverBudgetException>(() => Plan(point, "icarl", 10, ResNet32Bytes, CifarImage));
        Assert.Contains("'tiny-1.7mb'", e.Message);
    }

    [Theory]
    [InlineData(30, 66)]
    [InlineData(10, 200)]
    [InlineData(100, 20)]
    [InlineData(3, 666)]
    public void FixedTotalSharesTheTotal(int seen, int perClass)
    {
        var point = new BudgetPoint("m2000", MemoryPolicy.FixedTotal, 2000, null, null, null, null);
        // The model's size does not matter to a fixed total.
        Assert.Equal(new CapacityPlan(2000, perClass), Plan(point, "icarl", seen, 10 * ResNet32Bytes, CifarImage));
    }

    [Theory]
    [InlineData(10, 200)]
    [InlineData(37, 740)]
    public void PerClassGrowsWithTheClasses(int seen, int capacity)
    {
        var point = new BudgetPoint("pc20", MemoryPolicy.PerClass, null, 20, null, null, null);
        Assert.Equal(new CapacityPlan(capacity, 20), Plan(point, "icarl", seen, ResNet32Bytes, CifarImage));
    }

    [Fact]
    public void ExemplarsPolicyPerMethodWithFallback()
    {
        var point = new BudgetPoint("memo-a", MemoryPolicy.Exemplars, null, null, null,
            new Dictionary<string, int> { ["memo"] = 1_000, ["*"] = 1_604 }, null);

        Assert.Equal(new CapacityPlan(1_000, 50), Plan(point, "memo", 20, ResNet32Bytes, CifarImage));
        Assert.Equal(new CapacityPlan(1_604, 80), Plan(point, "icarl", 20, ResNet32Bytes, CifarImage));
    }

    [Fact]
    public void ExemplarsPolicyWithoutFallbackNamesTheMethod()
    {
        var point = new BudgetPoint("memo-a", MemoryPolicy.Exemplars, null, null, null, new Dictionary<string, int> { ["memo"] = 1_000 }, null);
        var e = Assert.Throws<ProtocolException>(() => Plan(point, "icarl", 20, ResNet32Bytes, CifarImage));
        Assert.Contains("'icarl'", e.Message);
    }

    [Fact]
    public void InfoBytesCountAgainstTheBudget()
    {
        // 600 bytes of tensors + 100 bytes of info leave 300 bytes of a 1,000-byte budget: 3 exemplars of 100 bytes.
        var planner = new MemoryPlanner(Budget(1_000), new NamedMethod("icarl"), 100);
        Assert.Equal(new CapacityPlan(3, 1), planner.Plan(2, new StateBytes(500, 100, 0, 100)));
        var e = Assert.Throws<OverBudgetException>(() => planner.CheckNewModel(new StateBytes(500, 100, 0, 401)));
        Assert.Contains("info 401", e.Message);
    }

    [Fact]
    public void ReferenceMethodsAreUnbounded()
    {
        var planner = new MemoryPlanner(Budget(1), new NamedMethod("joint", reference: true), 100);
        Assert.Same(CapacityPlan.Unbounded, planner.Plan(10, new StateBytes(1_000_000, 0, 0, 0)));
        Assert.Null(planner.Limit);
    }

    private sealed class NamedMethod(string name, bool reference = false) : CilBench.Abstractions.IMethod
    {
        public string Name => name;
        public string Version => "0";
        public string Paper => "-";
        public string DefaultHyperParameters => "{}";
        public bool IsReference => reference;
        public CilBench.Abstractions.IIncrementalLearner Create(CilBench.Abstractions.MethodContext context) => throw new NotSupportedException();
    }
}
