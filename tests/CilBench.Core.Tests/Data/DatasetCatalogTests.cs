using CilBench.Core.Data;

namespace CilBench.Core.Tests.Data;

public class DatasetCatalogTests
{
    [Fact]
    public void KnowsTheBuiltInDatasets()
    {
        Assert.Equal(["cifar10", "cifar100", "fmnist", "mnist"], DatasetCatalog.Default.Names.Order());
        Assert.Equal(100, DatasetCatalog.Default.Get("CIFAR100").ClassCount);
        Assert.Equal("/usr/share/datasets/fashion-mnist", DatasetCatalog.Default.Get("fmnist").DefaultPath);
        Assert.EndsWith("cifar-10-batches-py", DatasetCatalog.Default.Get("cifar10").DefaultPath);
    }

    [Fact]
    public void UnknownNameListsTheKnownOnes()
    {
        var e = Assert.Throws<ArgumentException>(() => DatasetCatalog.Default.Get("imagenet"));
        Assert.Contains("unknown dataset 'imagenet'; known: cifar10, cifar100, fmnist, mnist", e.Message);
    }

    [Fact]
    public void LoadsFromTheSourcePath()
    {
        using var dir = new TempDirectory();
        IdxFixtures.WriteDataset(dir.Path, n: 4, m: 2);
        using var splits = DatasetCatalog.Default.Load(new DatasetSource("mnist", dir.Path));
        Assert.Equal(4, splits.Train.Count);
        Assert.Equal(2, splits.Test.Count);
    }

    [Fact]
    public void WithReplacesAReaderOfTheSameName()
    {
        var catalog = DatasetCatalog.Default.With(new FixedReader());
        Assert.IsType<FixedReader>(catalog.Get("mnist"));
        Assert.Equal(4, catalog.Names.Count);
    }

    [Fact]
    public void SourceDeserialisesFromProtocolJson()
    {
        var source = System.Text.Json.JsonSerializer.Deserialize<DatasetSource>("""{"dataset": "cifar100", "path": "/data"}""",
            new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web));
        Assert.Equal(new DatasetSource("cifar100", "/data"), source);
    }

    private sealed class FixedReader : IDatasetReader
    {
        public string Name => "mnist";
        public int ClassCount => 10;
        public string DefaultPath => "/nowhere";
        public DatasetSplits Load(string path) => throw new NotSupportedException();
    }
}
