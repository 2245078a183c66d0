using CilBench.Torch;

namespace CilBench.Core.Data;

/// <summary>
/// A file of the CIFAR "binary version" (cifar-10-batches-bin/data_batch_N.bin: records of 1 label byte + 3072
/// image bytes; cifar-100-binary/train.bin: coarse label byte + fine label byte + 3072 image bytes).
/// </summary>
public static class CifarBinaryBatch
{
    /// <summary>
    /// Reads images as N x 3 x 32 x 32 uint8 and the label at <paramref name="labelIndex"/> among the
    /// <paramref name="labelBytes"/> leading bytes of each record as N int64.
    /// </summary>
    public static (Tensor Images, Tensor Labels) Read(string path, int labelBytes, int labelIndex, int classCount)
    {
        var (images, labels) = Read(path, labelBytes, [(labelIndex, classCount)]);
        return (images, labels[0]);
    }

    /// <summary>
    /// Reads images as N x 3 x 32 x 32 uint8 and, per (index, class count), the label byte at that index among the
    /// <paramref name="labelBytes"/> leading bytes of each record as N int64 (CIFAR-100: coarse at 0, fine at 1).
    /// </summary>
    public static (Tensor Images, Tensor[] Labels) Read(string path, int labelBytes, (int Index, int ClassCount)[] labelColumns)
    {
        if (!File.Exists(path)) throw new DatasetFormatException(path, "file not found");
        var record = labelBytes + CifarPickleBatch.ImageBytes;
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length == 0 || bytes.Length % record != 0)
            throw new DatasetFormatException(path,
                $"size {bytes.Length} bytes is not a positive multiple of the {record}-byte record ({labelBytes} label byte(s) + {CifarPickleBatch.ImageBytes} image bytes)");
        var n = bytes.Length / record;
        using var scope = torch.NewDisposeScope();
        var records = torch.tensor<byte>(bytes, [n, record]);
        var columns = labelColumns.Select(c =>
        {
            var (labelIndex, classCount) = c;
            var labels = records.select(1, labelIndex).@long();
            using (var max = labels.max())
                if (max.item<long>() >= classCount)
                {
                    using var bad = labels.ge(classCount).nonzero();
                    var at = bad.data<long>()[0];
                    throw new DatasetFormatException(path, $"record {at} has label {bytes[at * record + labelIndex]}, expected 0..{classCount - 1}");
                }
            return labels.MoveToOuterScope();
        }).ToArray();
        var images = records.narrow(1, labelBytes, CifarPickleBatch.ImageBytes).reshape(n, 3, 32, 32).contiguous();
        return (images.MoveToOuterScope(), columns);
    }
}
