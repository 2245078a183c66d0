using CilBench.Torch;
using F = CilBench.Torch.torch.nn.functional;

namespace CilBench.Plugins.Grown;

/// <summary>
/// GROWN's prediction without the task identity: every task's masked network and head score its own classes; the
/// task of a sample is the one whose softmax over its classes has the lowest entropy, and only that task's classes
/// keep their scores (softmax probabilities, in [0, 1]); every other class gets -1, finite and below them all.
/// </summary>
public static class TaskInference
{
    /// <summary>Scores over all classes (tasks side by side) and the task chosen per sample.</summary>
    /// <param name="logits">Per task, N x (its classes) logits, in task order.</param>
    public static (Tensor Scores, Tensor Task) ByLowestEntropy(IReadOnlyList<Tensor> logits)
    {
        using var scope = torch.NewDisposeScope();
        var entropies = torch.stack(logits.Select(l =>
        {
            var logp = F.log_softmax(l, 1);
            return -(logp.exp() * logp).sum(1);
        }).ToList(), 1);
        var task = entropies.argmin(1);
        var scores = torch.cat(logits.Select((l, t) =>
            torch.where(task.eq(t).unsqueeze(1), F.softmax(l, 1), -1.0)).ToList(), 1);
        return (scores.MoveToOuterScope(), task.MoveToOuterScope());
    }
}
