using CilBench.Core.Data;
using CilBench.Torch;

namespace CilBench.Core.Tests.Data;

public class IdxFormatTests
{
    [Fact]
    public void ReadsAGzippedPairBackAsTensors()
    {
        using var dir = new TempDirectory();
        IdxFixtures.WriteDataset(dir.Path, n: 12, m: 3);
        using var splits = MnistReader.Mnist.Load(dir.Path);
        var train = splits.Train;
        Assert.Equal(new long[] { 12, 1, 4, 5 }, train.Images.shape);
        Assert.Equal(ScalarType.UInt8, train.Images.dtype);
        Assert.Equal(IdxFixtures.Pixels(12, 4, 5), train.Images.bytes());
        Assert.Equal(IdxFixtures.LabelValues(12).Select(b => (long)b), train.Labels.data<long>());
        Assert.Equal(3, splits.Test.Count);
        Assert.Equal("mnist/train", train.Name);
        Assert.Equal("mnist/test", splits.Test.Name);
        Assert.Equal(20, train.BytesPerImage);
        Assert.All(train.SourceFiles, f => Assert.True(File.Exists(f)));
    }

    [Fact]
    public void WrongMagicNumberIsNamed()
    {
        using var dir = new TempDirectory();
        var path = dir.File("images.gz");
        IdxFixtures.WriteGz(path, IdxFixtures.Labels([1, 2, 3]));
        var e = Assert.Throws<DatasetFormatException>(() => IdxFormat.ReadImages(path));
        Assert.Equal(path, e.FilePath);
        Assert.Contains("magic number is 2049, expected 2051", e.Message);
    }

    [Fact]
    public void TruncatedPixelsAreReported()
    {
        using var dir = new TempDirectory();
        var path = dir.File("images.gz");
        IdxFixtures.WriteGz(path, IdxFixtures.Images(5, 4, 5, body: IdxFixtures.Pixels(4, 4, 5)));
        var e = Assert.Throws<DatasetFormatException>(() => IdxFormat.ReadImages(path));
        Assert.Contains("truncated: header declares 5 images of 4 x 5 bytes (100 bytes), the file has 80", e.Message);
    }

    [Fact]
    public void TruncatedGzipFileIsReported()
    {
        using var dir = new TempDirectory();
        var path = dir.File("images.gz");
        IdxFixtures.WriteGz(path, IdxFixtures.Images(50, 10, 10));
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var e = Assert.Throws<DatasetFormatException>(() => IdxFormat.ReadImages(path));
        Assert.StartsWith(path, e.Message);
    }

    [Fact]
    public void TrailingBytesAreReported()
    {
        using var dir = new TempDirectory();
        var path = dir.File("labels.gz");
        IdxFixtures.WriteGz(path, IdxFixtures.Labels([1, 2, 3], count: 2));
        var e = Assert.Throws<DatasetFormatException>(() => IdxFormat.ReadLabels(path, 10));
        Assert.Contains("has bytes after the 2 labels", e.Message);
    }

    [Fact]
    public void LabelOutOfRangeIsReported()
    {
        using var dir = new TempDirectory();
        var path = dir.File("labels.gz");
        IdxFixtures.WriteGz(path, IdxFixtures.Labels([1, 10, 3]));
        var e = Assert.Throws<DatasetFormatException>(() => IdxFormat.ReadLabels(path, 10));
        Assert.Contains("label 10 at index 1 is out of range, expected 0..9", e.Message);
    }

    [Fact]
    public void ImageAndLabelCountsMustAgree()
    {
        using var dir = new TempDirectory();
        IdxFixtures.WriteDataset(dir.Path, n: 6, m: 2);
        IdxFixtures.WriteGz(dir.File("train-labels-idx1-ubyte.gz"), IdxFixtures.Labels(IdxFixtures.LabelValues(5)));
        var e = Assert.Throws<DatasetFormatException>(() => MnistReader.Mnist.Load(dir.Path));
        Assert.Contains("has 5 labels, but", e.Message);
        Assert.Contains("has 6 images", e.Message);
    }

    [Fact]
    public void MissingFileNamesTheExpectedFile()
    {
        using var dir = new TempDirectory();
        var e = Assert.Throws<DatasetFormatException>(() => MnistReader.FashionMnist.Load(dir.Path));
        Assert.EndsWith("train-images-idx3-ubyte.gz", e.FilePath);
        Assert.Contains("dataset-fashion-mnist", e.Message);
    }

    [FactWhenFileExists("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz")]
    public void ReadsTheRealFashionMnist()
    {
        using var splits = DatasetCatalog.Default.Load(new DatasetSource("fmnist"));
        Assert.Equal(new long[] { 60000, 1, 28, 28 }, splits.Train.Images.shape);
        Assert.Equal(new long[] { 10000, 1, 28, 28 }, splits.Test.Images.shape);
        // First labels of the official files (train: ankle boot, t-shirt, t-shirt, dress...).
        Assert.Equal(new long[] { 9, 0, 0, 3, 0, 2, 7, 2, 5, 5 }, splits.Train.Labels.narrow(0, 0, 10).data<long>());
        Assert.Equal(new long[] { 9, 2, 1, 1, 6, 1, 4, 6, 5, 7 }, splits.Test.Labels.narrow(0, 0, 10).data<long>());
        using var counts = splits.Train.Labels.bincount();
        Assert.All(counts.data<long>(), c => Assert.Equal(6000, c));
        using var first = splits.Train.Images.select(0, 0);
        using var total = first.@long().sum();
        Assert.Equal(76247, total.item<long>());
    }
}
