using CilBench.Abstractions;
using CilBench.Torch;

namespace CilBench.Learning.Exemplars;

public static class FeatureExtraction
{
    /// <summary>
    /// Features of every sample of a view, in view order, computed in inference mode. Callers put the network in
    /// eval mode first (PyCIL's _extract_vectors); <paramref name="augment"/> selects the training transform (GRACE's
    /// assessment). The result is an ordinary tensor (made outside inference mode), which later training may use.
    /// </summary>
    public static Tensor Extract(Func<Tensor, Tensor> features, IDataView view, int batchSize, bool augment = false, int seed = 0)
    {
        var parts = new List<Tensor>();
        try
        {
            using (torch.inference_mode())
                foreach (var batch in view.Batches(new BatchOptions(batchSize, Augment: augment, Seed: seed)))
                    using (batch)
                        parts.Add(features(batch.Images).DetachFromDisposeScope());
            if (parts.Count == 0) throw new ArgumentException("cannot extract features of an empty view");
            using var _ = torch.no_grad();
            return torch.cat(parts);
        }
        finally
        {
            foreach (var p in parts) p.Dispose();
        }
    }

    /// <summary>Rows divided by their L2 norm + 1e-8 (PyCIL's EPSILON).</summary>
    public static Tensor Normalize(Tensor vectors) => vectors / (vectors.norm(2, 1, keepdim: true) + 1e-8);
}
