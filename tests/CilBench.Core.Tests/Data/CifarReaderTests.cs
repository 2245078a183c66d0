using CilBench.Core.Data;
using CilBench.Torch;

namespace CilBench.Core.Tests.Data;

public class CifarReaderTests
{
    private static void AssertBatch(ImageDataset d, int[] sizes, int classCount)
    {
        Assert.Equal(new long[] { sizes.Sum(), 3, 32, 32 }, d.Images.shape);
        var pixels = sizes.SelectMany((n, b) => CifarFixtures.Pixels(n, offset: b)).ToArray();
        var labels = sizes.SelectMany((n, b) => CifarFixtures.LabelValues(n, classCount, offset: b)).Select(v => (long)v).ToArray();
        Assert.Equal(pixels, d.Images.bytes());
        Assert.Equal(labels, d.Labels.data<long>());
        Assert.Equal(classCount, d.ClassCount);
    }

    private static void WriteCifar10Pickles(string dir)
    {
        for (var b = 1; b <= 5; b++) File.WriteAllBytes(Path.Combine(dir, $"data_batch_{b}"), CifarFixtures.Cifar10PickleBatch(3, offset: b - 1));
        File.WriteAllBytes(Path.Combine(dir, "test_batch"), CifarFixtures.Cifar10PickleBatch(2));
    }

    [Fact]
    public void ReadsCifar10PythonVersionFromTheParentFolder()
    {
        using var root = new TempDirectory();
        var dir = Directory.CreateDirectory(root.File("cifar-10-batches-py")).FullName;
        WriteCifar10Pickles(dir);
        using var splits = CifarReader.Cifar10.Load(root.Path);
        AssertBatch(splits.Train, [3, 3, 3, 3, 3], 10);
        AssertBatch(splits.Test, [2], 10);
        Assert.Equal(5, splits.Train.SourceFiles.Count);
        Assert.EndsWith("data_batch_5", splits.Train.SourceFiles[4]);
        Assert.Equal("cifar10/train", splits.Train.Name);
    }

    [Fact]
    public void ReadsCifar100PythonVersionFineLabels()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("train"), CifarFixtures.Cifar100PickleBatch(40));
        File.WriteAllBytes(dir.File("test"), CifarFixtures.Cifar100PickleBatch(7));
        using var splits = CifarReader.Cifar100.Load(dir.Path);
        AssertBatch(splits.Train, [40], 100);
        AssertBatch(splits.Test, [7], 100);
    }

    [FactWhenNumpy]
    public void ReadsPicklesWrittenByPythonAndNumpy()
    {
        using var root = new TempDirectory();
        var c10 = Directory.CreateDirectory(root.File("cifar-10-batches-py")).FullName;
        var c100 = Directory.CreateDirectory(root.File("cifar-100-python")).FullName;
        PythonFixtures.WriteCifarBatches(
            [.. Enumerable.Range(1, 5).Select(b => (Path.Combine(c10, $"data_batch_{b}"), "10", 4, b - 1, false)),
             (Path.Combine(c10, "test_batch"), "10", 2, 0, false),
             (Path.Combine(c100, "train"), "100", 9, 0, false),
             (Path.Combine(c100, "test"), "100", 5, 0, true)]);
        using (var splits = CifarReader.Cifar10.Load(c10))
        {
            AssertBatch(splits.Train, [4, 4, 4, 4, 4], 10);
            AssertBatch(splits.Test, [2], 10);
        }
        using (var splits = CifarReader.Cifar100.Load(root.Path))
        {
            AssertBatch(splits.Train, [9], 100);
            AssertBatch(splits.Test, [5], 100);
        }
    }

    [Fact]
    public void ReadsCifar10BinaryVersion()
    {
        using var root = new TempDirectory();
        var dir = Directory.CreateDirectory(root.File("cifar-10-batches-bin")).FullName;
        for (var b = 1; b <= 5; b++)
            File.WriteAllBytes(Path.Combine(dir, $"data_batch_{b}.bin"), CifarFixtures.BinaryBatch(2, [CifarFixtures.LabelValues(2, 10, b - 1)], offset: b - 1));
        File.WriteAllBytes(Path.Combine(dir, "test_batch.bin"), CifarFixtures.BinaryBatch(3, [CifarFixtures.LabelValues(3, 10)]));
        using var splits = CifarReader.Cifar10.Load(root.Path);
        AssertBatch(splits.Train, [2, 2, 2, 2, 2], 10);
        AssertBatch(splits.Test, [3], 10);
    }

    [Fact]
    public void ReadsCifar100BinaryFineLabelsAfterTheCoarseByte()
    {
        using var dir = new TempDirectory();
        int[][] Labels(int n) => [CifarFixtures.LabelValues(n, 20), CifarFixtures.LabelValues(n, 100)];
        File.WriteAllBytes(dir.File("train.bin"), CifarFixtures.BinaryBatch(6, Labels(6)));
        File.WriteAllBytes(dir.File("test.bin"), CifarFixtures.BinaryBatch(2, Labels(2)));
        using var splits = CifarReader.Cifar100.Load(dir.Path);
        AssertBatch(splits.Train, [6], 100);
        AssertBatch(splits.Test, [2], 100);
    }

    [Fact]
    public void Cifar100ExposesCoarseLabelsFromBothFormatsAndCifar10HasNone()
    {
        using var dir = new TempDirectory();
        var python = Directory.CreateDirectory(dir.File("cifar-100-python")).FullName;
        File.WriteAllBytes(Path.Combine(python, "train"), CifarFixtures.Cifar100PickleBatch(40));
        File.WriteAllBytes(Path.Combine(python, "test"), CifarFixtures.Cifar100PickleBatch(7, offset: 3));
        using (var splits = CifarReader.Cifar100.Load(python))
        {
            Assert.Equal(CifarFixtures.LabelValues(40, 20).Select(v => (long)v), splits.Train.CoarseLabels!.data<long>());
            Assert.Equal(CifarFixtures.LabelValues(7, 20, 3).Select(v => (long)v), splits.Test.CoarseLabels!.data<long>());
        }
        var binary = Directory.CreateDirectory(dir.File("cifar-100-binary")).FullName;
        int[] coarse = [19, 0, 7, 3, 12, 5];
        File.WriteAllBytes(Path.Combine(binary, "train.bin"), CifarFixtures.BinaryBatch(6, [coarse, CifarFixtures.LabelValues(6, 100)]));
        File.WriteAllBytes(Path.Combine(binary, "test.bin"), CifarFixtures.BinaryBatch(2, [[1, 2], CifarFixtures.LabelValues(2, 100)]));
        using (var splits = CifarReader.Cifar100.Load(binary))
        {
            Assert.Equal(coarse.Select(v => (long)v), splits.Train.CoarseLabels!.data<long>());
            Assert.Equal(CifarFixtures.LabelValues(6, 100).Select(v => (long)v), splits.Train.Labels.data<long>());
        }
        var c10 = Directory.CreateDirectory(dir.File("cifar-10-batches-py")).FullName;
        WriteCifar10Pickles(c10);
        using (var splits = CifarReader.Cifar10.Load(c10))
            Assert.Null(splits.Train.CoarseLabels);
    }

    [Fact]
    public void BinaryFileOfPartialRecordsIsReported()
    {
        using var dir = new TempDirectory();
        var path = dir.File("data_batch_1.bin");
        File.WriteAllBytes(path, CifarFixtures.BinaryBatch(2, [[1, 2]])[..^10]);
        var e = Assert.Throws<DatasetFormatException>(() => CifarBinaryBatch.Read(path, 1, 0, 10));
        Assert.Equal(path, e.FilePath);
        Assert.Contains("size 6136 bytes is not a positive multiple of the 3073-byte record", e.Message);
    }

    [Fact]
    public void BinaryLabelOutOfRangeIsReported()
    {
        using var dir = new TempDirectory();
        var path = dir.File("test_batch.bin");
        File.WriteAllBytes(path, CifarFixtures.BinaryBatch(3, [[1, 2, 10]]));
        var e = Assert.Throws<DatasetFormatException>(() => CifarBinaryBatch.Read(path, 1, 0, 10));
        Assert.Contains("record 2 has label 10, expected 0..9", e.Message);
    }

    [Fact]
    public void TruncatedPickleIsReported()
    {
        using var dir = new TempDirectory();
        var path = dir.File("data_batch_1");
        File.WriteAllBytes(path, CifarFixtures.Cifar10PickleBatch(3)[..2000]);
        var e = Assert.Throws<DatasetFormatException>(() => CifarPickleBatch.Read(path, "labels", 10));
        Assert.Contains("truncated: a string of 9216 bytes is cut off", e.Message);
    }

    [Fact]
    public void PickleWithoutTheLabelKeyNamesTheKeysItHas()
    {
        using var dir = new TempDirectory();
        var path = dir.File("train");
        File.WriteAllBytes(path, CifarFixtures.Cifar10PickleBatch(3));
        var e = Assert.Throws<DatasetFormatException>(() => CifarPickleBatch.Read(path, "fine_labels", 100));
        Assert.Contains("no b'fine_labels' key; the dict has 'batch_label', 'labels', 'data', 'filenames'", e.Message);
    }

    [Fact]
    public void MissingFolderSaysWhatWasExpected()
    {
        using var dir = new TempDirectory();
        var e = Assert.Throws<DatasetFormatException>(() => CifarReader.Cifar100.Load(dir.Path));
        Assert.Contains("cifar-100-python (train, test) or cifar-100-binary (train.bin, test.bin)", e.Message);
        Assert.Contains("cilbench data fetch cifar100", e.Message);
    }

    [Fact]
    public void SelectKeepsTheChosenSamples()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("train"), CifarFixtures.Cifar100PickleBatch(10));
        File.WriteAllBytes(dir.File("test"), CifarFixtures.Cifar100PickleBatch(1));
        using var splits = CifarReader.Cifar100.Load(dir.Path);
        using var indices = torch.tensor(new long[] { 7, 2 });
        using var subset = splits.Train.Select(indices);
        Assert.Equal(new long[] { 21, 6 }, subset.Labels.data<long>());
        Assert.Equal(CifarFixtures.Pixels(10).AsSpan(7 * 3072, 3072).ToArray(), subset.Images.select(0, 0).bytes());
    }
}
