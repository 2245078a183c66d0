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
}
