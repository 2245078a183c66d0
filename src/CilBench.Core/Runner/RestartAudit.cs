using CilBench.Abstractions;
using CilBench.Core.Plugins;
using CilBench.Core.Scenario;
using CilBench.Torch;

namespace CilBench.Core.Runner;

/// <summary>
/// The proof that a learner's state is everything it keeps. After a stage, the state goes through the checkpoint format
/// into a learner made by a fresh method object in a fresh load context (<see cref="LoadedMethod.Reload"/>), so static
/// fields and fields of the method object are gone. On test images sampled per class (a new sample each stage), every
/// head, by name, must predict what the trained learner predicts. The run then goes on with the reloaded learner: every
/// stage starts from counted state only, as a resumed run does, and data kept anywhere else (old training data, a
/// teacher, test images seen in Predict) is gone.
/// </summary>
internal static class RestartAudit
{
    /// <summary>Test images compared per stage (at least one per seen class).</summary>
    private const int SampleSize = 128;

    public static ActiveLearner Run(ActiveLearner trained, LoadedMethod method, MethodContext context, DataView test, int seen, int task, int batchSize)
    {
        var name = method.Name;
        var sample = Sample(test, seen, context.Seed, task);
        var state = Checkpoint.RoundTrip(trained.Learner.State());
        FreshMethod? fresh = null;
        IIncrementalLearner? reloaded = null;
        try
        {
            try
            {
                fresh = method.Reload();
                reloaded = fresh.Method.Create(context);
                reloaded.Load(state);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw Failed(name, task, $"rebuilding the learner from its state threw {e.GetType().Name}: {e.Message}", e);
            }
            Compare(trained.Learner, reloaded, sample, batchSize, name, task);
        }
        catch
        {
            reloaded?.Dispose();
            fresh?.Dispose();
            throw;
        }
        finally
        {
            foreach (var e in state.Tensors.Values) e.Tensor.Dispose();
        }
        trained.Dispose();
        return new ActiveLearner(reloaded, fresh);
    }

    private static void Compare(IIncrementalLearner trained, IIncrementalLearner reloaded, DataView sample, int batchSize, string name, int task)
    {
        using var _ = torch.no_grad();
        foreach (var batch in sample.Batches(new BatchOptions(batchSize)))
        {
            using (batch)
            using (var a = trained.Predict(batch.Images))
            using (var b = Guard(() => reloaded.Predict(batch.Images), name, task))
            using (torch.NewDisposeScope())
            {
                var namesA = a.Heads.Select(h => h.Key).ToList();
                var namesB = b.Heads.Select(h => h.Key).ToList();
                if (!namesA.SequenceEqual(namesB))
                    throw Failed(name, task, $"the reloaded learner returns heads [{string.Join(", ", namesB)}], the trained one [{string.Join(", ", namesA)}]");
                for (var h = 0; h < a.Heads.Count; h++)
                {
                    var (head, x) = a.Heads[h];
                    var y = b.Heads[h].Value;
                    if (!x.shape.SequenceEqual(y.shape))
                        throw Failed(name, task, $"head '{head}' of the reloaded learner has shape [{string.Join(", ", y.shape)}], the trained one [{string.Join(", ", x.shape)}]");
                    // A diverged learner that reloads faithfully predicts NaN where it did before: that is the same prediction.
                    var nan = x.isnan();
                    if (!nan.equal(y.isnan()) || !x.masked_fill(nan, 0).allclose(y.masked_fill(nan, 0), rtol: 1e-4, atol: 1e-5))
                        throw Failed(name, task, $"head '{head}' predicts differently after reloading (max difference {(x - y).abs().max().item():G4})");
                }
            }
        }
    }

    private static Predictions Guard(Func<Predictions> predict, string name, int task)
    {
        try
        {
            return predict();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw Failed(name, task, $"the reloaded learner's Predict threw {e.GetType().Name}: {e.Message}", e);
        }
    }

    /// <summary>Up to <see cref="SampleSize"/> test images, the same number from every seen class, drawn anew per stage.</summary>
    internal static DataView Sample(DataView test, int seen, int seed, int task)
    {
        var perClass = Math.Max(1, (SampleSize + seen - 1) / seen);
        var random = new Random(unchecked(seed * 1_000_003 + task));
        var picked = new List<long>();
        for (var c = 0; c < seen; c++)
        {
            var positions = Enumerable.Range(0, test.Count).Where(i => test.Labels[i] == c).Select(i => (long)i).ToArray();
            random.Shuffle(positions);
            picked.AddRange(positions.Take(perClass));
        }
        return (DataView)test.Subset([.. picked]);
    }

    private static LearnerContractException Failed(string method, int task, string what, Exception? inner = null) =>
        new($"restart audit failed for {method} after task {task}: {what}. A learner must keep everything it needs in State()", inner);
}
