using CilBench.Core.Runner;

namespace CilBench.Core.Memory;

/// <summary>
/// The exemplar memory's content at one moment. Learners read the memory through views; a learner that writes into it
/// by any route (a view's images, reflection) changes the digest or the views' copy, and <see cref="Check"/> names it.
/// </summary>
public readonly record struct MemorySeal(ExemplarMemory Memory, string Digest)
{
    /// <exception cref="LearnerContractException">The memory changed since the seal.</exception>
    public void Check(string method, string call)
    {
        if (Memory.Digest() != Digest || !Memory.ViewsMatch())
            throw new LearnerContractException(
                $"{method} changed the exemplar memory during {call}: the harness owns the memory, learners may only read it");
    }
}
