namespace CilBench.Reports.Exporters;

/// <summary>What the numbers mean, said once for every human-readable format.</summary>
internal static class Notes
{
    public const string Accuracy =
        "Accuracies are top-1 percentages over all classes seen, mean ± sample standard deviation over seeds; "
        + "AIA is average incremental accuracy (mean over stages, the first included). The leaderboard uses each method's primary (first) head.";

    public const string Auc =
        "AUC-A and AUC-L (MEMO, ICLR 2023): trapezoid area under average incremental / last accuracy as a fraction (0..1) "
        + "against memory in MB (2^20 bytes) over a method's budget points. The memory of a point is its byte budget under the "
        + "`budget` and `exemplars` policies when it has one, else the measured total (model + exemplars) after the last stage.";

    public const string Marks =
        "Rank marks are letters: two methods that share a letter are not separable over seeds (Welch's t-test, p >= 0.05, "
        + "on the per-seed figure the table ranks); a method with a single seed cannot be separated from any other.";

    public const string Status =
        "Only complete runs whose fingerprints agree in everything but the seed are averaged. Failed runs, partial runs "
        + "that outgrew the budget, runs that returned non-finite scores (diverged) and seeds whose fingerprints differ are "
        + "listed with their reason, never dropped; a method with any of them on the ladder is not ranked, and says why.";

    public const string Claims =
        "Claimed figures come from the protocol file's `published` record (its source is named); reproduced ones from the "
        + "result files. Compute is the cell's wall time, device and the training images the harness served.";
}
