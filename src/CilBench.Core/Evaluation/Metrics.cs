namespace CilBench.Core.Evaluation;

/// <summary>
/// Summary metrics over an accuracy matrix A, where A[t][j] is the top-1 accuracy (percent) on task j's classes
/// after learning task t (j &lt;= t), and over the per-stage top-1 curve.
/// </summary>
public static class Metrics
{
    /// <summary>Mean of top-1 over all stages, the first included (iCaRL / PyCIL's "average incremental accuracy").</summary>
    public static double AverageIncrementalAccuracy(IReadOnlyList<double> top1PerStage) =>
        top1PerStage.Count == 0 ? throw new ArgumentException("no stages") : top1PerStage.Average();

    /// <summary>
    /// Average forgetting (Chaudhry et al. 2018): for each task j before the last, the best accuracy it ever had
    /// before the last stage minus its accuracy at the last stage; averaged over those tasks. 0 for one task.
    /// </summary>
    public static double Forgetting(IReadOnlyList<double[]> matrix)
    {
        var last = matrix.Count - 1;
        if (last <= 0) return 0;
        var sum = 0.0;
        for (var j = 0; j < last; j++)
        {
            var best = double.MinValue;
            for (var t = j; t < last; t++) best = Math.Max(best, matrix[t][j]);
            sum += best - matrix[last][j];
        }
        return sum / last;
    }

    /// <summary>Backward transfer (Lopez-Paz and Ranzato 2017): mean over j &lt; T-1 of A[T-1][j] - A[j][j]. 0 for one task.</summary>
    public static double BackwardTransfer(IReadOnlyList<double[]> matrix)
    {
        var last = matrix.Count - 1;
        if (last <= 0) return 0;
        var sum = 0.0;
        for (var j = 0; j < last; j++) sum += matrix[last][j] - matrix[j][j];
        return sum / last;
    }
}
