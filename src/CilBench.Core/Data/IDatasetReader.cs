namespace CilBench.Core.Data;

/// <summary>Loads one named dataset (its train and test splits) from a directory in the dataset's official layout.</summary>
public interface IDatasetReader
{
    /// <summary>The catalog name protocols use, e.g. "cifar100".</summary>
    string Name { get; }

    int ClassCount { get; }

    /// <summary>Where the files are looked for when a protocol gives no path.</summary>
    string DefaultPath { get; }

    /// <summary>Reads both splits from <paramref name="path"/>; a format problem is a <see cref="DatasetFormatException"/> naming the file.</summary>
    DatasetSplits Load(string path);
}
