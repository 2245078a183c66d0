namespace CilBench.Reports.Statistics;

/// <summary>
/// Rank marks as a compact letter display (Piepho, "An algorithm for a letter-based representation of all-pairwise
/// comparisons", J. Comput. Graph. Stat. 13(2), 2004: insert and absorb): two items share a letter exactly when they
/// are not separable, which a plain rank number cannot say when "not separable" is not transitive (a ~ b, b ~ c, a
/// apart from c gives a: "a", b: "ab", c: "b").
/// </summary>
public static class CompactLetters
{
    private const string Letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

    /// <param name="count">Items, indexed in display order (best first): letters are given in that order.</param>
    /// <param name="separable">Whether items i and j are told apart; asked once per pair, i &lt; j.</param>
    public static IReadOnlyList<string> Of(int count, Func<int, int, bool> separable)
    {
        var columns = new List<SortedSet<int>> { new(Enumerable.Range(0, count)) };
        for (var i = 0; i < count; i++)
            for (var j = i + 1; j < count; j++)
            {
                if (!separable(i, j)) continue;
                // Insert: a column holding both splits into one without i and one without j.
                var split = columns.SelectMany(c => c.Contains(i) && c.Contains(j)
                    ? new[] { new SortedSet<int>(c.Where(x => x != i)), new SortedSet<int>(c.Where(x => x != j)) }
                    : [c]).ToList();
                // Absorb: a column inside another says nothing more; equal columns are kept once.
                columns = split
                    .Where((c, k) => !split.Where((o, l) => l != k && (c.IsProperSubsetOf(o) || (l < k && c.SetEquals(o)))).Any())
                    .ToList();
            }
        var ordered = columns.Where(c => c.Count > 0).OrderBy(c => c.Min).ThenBy(c => string.Join(",", c)).ToList();
        if (ordered.Count > Letters.Length) throw new InvalidOperationException($"{ordered.Count} letter groups; at most {Letters.Length} can be shown");
        return Enumerable.Range(0, count)
            .Select(i => string.Concat(ordered.Select((c, k) => c.Contains(i) ? Letters[k].ToString() : "")))
            .ToList();
    }
}
