namespace CilBench.Core.Scenario;

/// <summary>
/// Counts the images that views of the stores sharing it hand out in batches: what a learner's training cost, in images
/// processed (every epoch, every pass), whatever its recipe.
/// </summary>
public sealed class ImageCounter
{
    public long Count { get; private set; }

    public void Add(int images) => Count += images;
}
