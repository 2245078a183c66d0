using CilBench.Learning.Losses;
using CilBench.Torch;

namespace CilBench.Learning.Tests;

public class KnowledgeDistillationTests
{
    // Two samples at T = 2. Sample 1: student (0, 2) -> (0, 1), teacher (2, 0) -> (1, 0), so with Z = 1 + e,
    // log p = (-ln Z, 1 - ln Z) and q = (e / Z, 1 / Z). Sample 2: both (0, 0), so p = q = (1/2, 1/2).
    private static readonly double Z = 1 + Math.E;

    [Fact]
    public void PyCilLossIsTheCrossEntropyOfTheSoftenedTeacherWithoutTSquared()
    {
        using var scope = torch.NewDisposeScope();
        var (student, teacher) = Logits();
        // Sample 1: -(e/Z (-ln Z) + 1/Z (1 - ln Z)) = ln Z - 1/Z; sample 2: ln 2; mean over the batch.
        var expected = (Math.Log(Z) - 1 / Z + Math.Log(2)) / 2;
        Assert.Equal(expected, KnowledgeDistillation.PyCilLoss(student, teacher, 2).item(), 6);
    }

    [Fact]
    public void KlLossIsTheBatchMeanKullbackLeiblerTimesTSquared()
    {
        using var scope = torch.NewDisposeScope();
        var (student, teacher) = Logits();
        // Sample 1: sum q (ln q - ln p) = e/Z (1) + 1/Z (-1) = (e - 1) / Z; sample 2: 0; times T^2 = 4, mean over 2.
        var expected = 4 * ((Math.E - 1) / Z) / 2;
        Assert.Equal(expected, KnowledgeDistillation.KlLoss(student, teacher, 2).item(), 6);
    }

    private static (Tensor student, Tensor teacher) Logits() =>
        (torch.tensor(new double[,] { { 0, 2 }, { 0, 0 } }), torch.tensor(new double[,] { { 2, 0 }, { 0, 0 } }));
}
