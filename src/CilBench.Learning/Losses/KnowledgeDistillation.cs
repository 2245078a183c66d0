using CilBench.Torch;
using F = CilBench.Torch.torch.nn.functional;

namespace CilBench.Learning.Losses;

public static class KnowledgeDistillation
{
    /// <summary>
    /// PyCIL's _KD_loss: -sum(softmax(teacher / T) * log_softmax(student / T)) / batch. No T^2 factor. Callers pass
    /// only the old classes' logits of the student.
    /// </summary>
    public static Tensor PyCilLoss(Tensor studentLogits, Tensor teacherLogits, double temperature)
    {
        var logP = F.log_softmax(studentLogits / temperature, 1);
        var q = F.softmax(teacherLogits / temperature, 1);
        return -(q * logP).sum() / studentLogits.size(0);
    }

    /// <summary>
    /// The Hinton-style KD used by GRACE's compression: KL(softmax(t / T) || softmax(s / T)) * T^2, batch mean.
    /// </summary>
    public static Tensor KlLoss(Tensor studentLogits, Tensor teacherLogits, double temperature) =>
        F.kl_div(F.log_softmax(studentLogits / temperature, 1), F.softmax(teacherLogits / temperature, 1), torch.nn.Reduction.BatchMean)
        * (temperature * temperature);
}
