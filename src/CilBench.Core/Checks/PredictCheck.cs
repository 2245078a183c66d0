namespace CilBench.Core.Checks;

/// <summary>
/// <see cref="ContractCheck.Predict"/>: on every batch, every head scored every seen class with finite numbers; at every
/// stage the scores did not depend on the batch (its order, its other images) and predicting changed nothing. Test
/// batches follow the test labels' order, so a learner that used the batch could learn the labels; this one did not.
/// </summary>
internal static class PredictCheck
{
    public static CheckResult Judge(CheckEvidence e)
    {
        if (e.Prejudge(ContractCheck.Predict) is { } verdict) return verdict;
        var heads = string.Join(", ", e.First.Probe.Heads ?? []);
        return CheckResult.Pass(ContractCheck.Predict,
            $"heads [{heads}]: finite scores for every seen class on every batch; the same scores for a reversed batch, " +
            "for images predicted alone and for a batch predicted twice; predicting left the state unchanged");
    }
}
