namespace CilBench.Core.Data;

/// <summary>A dataset's train and test splits, as a reader loads them; disposing frees both.</summary>
public sealed record DatasetSplits(ImageDataset Train, ImageDataset Test) : IDisposable
{
    public void Dispose()
    {
        Train.Dispose();
        Test.Dispose();
    }
}
