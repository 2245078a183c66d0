using CilBench.Abstractions;

namespace CilBench.Plugins.Grown;

/// <summary>
/// Holds out a fraction of each class's training samples (at least one, and at least one left to train on), chosen
/// by a shuffle seeded with the task's seed: the validation set that decides whether the task needs growth.
/// </summary>
public static class ValidationSplit
{
    public static (IDataView Train, IDataView Validation) Of(IDataView data, double fraction, int seed)
    {
        var train = new List<long>();
        var validation = new List<long>();
        foreach (var group in data.Labels.Select((label, position) => (label, position: (long)position)).GroupBy(x => x.label).OrderBy(g => g.Key))
        {
            var positions = group.Select(x => x.position).ToArray();
            if (positions.Length < 2)
                throw new ArgumentException($"grown: class {group.Key} has {positions.Length} training sample(s); holding out a validation sample needs at least 2");
            new Random(unchecked(seed * 31 + group.Key)).Shuffle(positions);
            var held = Math.Clamp((int)Math.Round(positions.Length * fraction), 1, positions.Length - 1);
            validation.AddRange(positions[..held]);
            train.AddRange(positions[held..]);
        }
        train.Sort();
        validation.Sort();
        return (data.Subset([.. train]), data.Subset([.. validation]));
    }
}
