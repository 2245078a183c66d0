using CilBench.Core.Evaluation;

namespace CilBench.Core.Tests.Evaluation;

public class MetricsTests
{
    // A[t][j]: accuracy on task j after task t. Tasks 0 and 1 peak after a later task (backward transfer), so the
    // forgetting baseline must be the best earlier value, not the diagonal.
    private static readonly double[][] FourTasks =
    [
        [80],
        [85, 70],
        [60, 90, 75],
        [50, 65, 70, 95],
    ];

    [Fact]
    public void ForgettingUsesTheBestEarlierAccuracy() =>
        // (max(80, 85, 60) - 50 + max(70, 90) - 65 + 75 - 70) / 3 = (35 + 25 + 5) / 3
        Assert.Equal(65.0 / 3, Metrics.Forgetting(FourTasks), 12);

    [Fact]
    public void BackwardTransferUsesTheDiagonal() =>
        // ((50 - 80) + (65 - 70) + (70 - 75)) / 3
        Assert.Equal(-40.0 / 3, Metrics.BackwardTransfer(FourTasks), 12);

    [Fact]
    public void ThreeTasksWithoutRecovery()
    {
        double[][] a = [[90], [70, 80], [60, 75, 85]];
        // (90 - 60 + 80 - 75) / 2 and (60 - 90 + 75 - 80) / 2
        Assert.Equal(17.5, Metrics.Forgetting(a), 12);
        Assert.Equal(-17.5, Metrics.BackwardTransfer(a), 12);
    }

    [Fact]
    public void ImprovingOnAnOldTaskIsNegativeForgetting()
    {
        double[][] a = [[50], [70, 90]];
        Assert.Equal(-20, Metrics.Forgetting(a), 12);
        Assert.Equal(20, Metrics.BackwardTransfer(a), 12);
    }

    [Fact]
    public void OneTaskHasNoForgetting()
    {
        double[][] a = [[73]];
        Assert.Equal(0, Metrics.Forgetting(a));
        Assert.Equal(0, Metrics.BackwardTransfer(a));
    }

    [Fact]
    public void AverageIncrementalAccuracyIncludesTheFirstStage()
    {
        Assert.Equal(80, Metrics.AverageIncrementalAccuracy([90, 80, 70]), 12);
        Assert.Equal(70, Metrics.AverageIncrementalAccuracy([70]), 12);
        Assert.Throws<ArgumentException>(() => Metrics.AverageIncrementalAccuracy([]));
    }
}
