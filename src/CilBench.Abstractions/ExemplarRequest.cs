namespace CilBench.Abstractions;

/// <summary>The classes whose exemplar candidates the harness asks the learner to rank.</summary>
/// <param name="Classes">One entry per class to rank.</param>
public sealed record ExemplarRequest(IReadOnlyList<ClassCandidates> Classes);

/// <summary>Candidates of one class.</summary>
/// <param name="ClassIndex">Incremental class index.</param>
/// <param name="Candidates">The class's candidate samples (its training data for a new class).</param>
/// <param name="Wanted">How many the harness will keep now (the ranking may be longer or the whole view).</param>
public sealed record ClassCandidates(int ClassIndex, IDataView Candidates, int Wanted);

/// <summary>Ranked candidate positions per class, best first; positions index the class's candidate view.</summary>
/// <param name="Ranked">Class index to ranked positions (no duplicates).</param>
public sealed record ExemplarRanking(IReadOnlyDictionary<int, long[]> Ranked);
