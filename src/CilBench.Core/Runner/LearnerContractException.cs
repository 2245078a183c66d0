namespace CilBench.Core.Runner;

/// <summary>
/// A learner broke the contract (the restart audit failed, it wrote into the exemplar memory, its heads changed, its
/// ranking was invalid): the run stops with a message naming the method, the task and what it did.
/// </summary>
public sealed class LearnerContractException(string message, Exception? inner = null) : Exception(message, inner);
