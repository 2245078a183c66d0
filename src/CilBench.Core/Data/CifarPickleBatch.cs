using CilBench.Torch;

namespace CilBench.Core.Data;

/// <summary>
/// A batch file of the CIFAR "python version" (cifar-10-batches-py/data_batch_N, cifar-100-python/train...): a
/// pickled dict whose b'data' is an N x 3072 uint8 numpy array (1024 red, 1024 green, 1024 blue bytes per image,
/// each plane row-major 32 x 32) and whose label key (b'labels', b'fine_labels', b'coarse_labels') lists N ints.
/// </summary>
public static class CifarPickleBatch
{
    public const int ImageBytes = 3 * 32 * 32;

    /// <summary>Reads images as N x 3 x 32 x 32 uint8 and labels (under <paramref name="labelsKey"/>) as N int64.</summary>
    public static (Tensor Images, Tensor Labels) Read(string path, string labelsKey, int classCount)
    {
        var (images, labels) = Read(path, [(labelsKey, classCount)]);
        return (images, labels[0]);
    }

    /// <summary>
    /// Reads images as N x 3 x 32 x 32 uint8 and, per (key, class count), that key's labels as N int64 (e.g. CIFAR-100's
    /// fine and coarse labels from one parse of the file).
    /// </summary>
    public static (Tensor Images, Tensor[] Labels) Read(string path, (string Key, int ClassCount)[] labelKeys)
    {
        if (PickleReader.Load(path) is not PickleDictionary dict)
            throw new DatasetFormatException(path, "expected a pickled dict (a CIFAR python-format batch)");
        var data = Get(dict, path, "data") as NumpyArray
            ?? throw new DatasetFormatException(path, $"b'data' is {PickleReader.Describe(Get(dict, path, "data"))}, expected a numpy array");
        if (data.DType != "|u1" || data.Shape.Length != 2 || data.Shape[1] != ImageBytes)
            throw new DatasetFormatException(path,
                $"b'data' is a ({string.Join(", ", data.Shape)}) {data.DType} array, expected (N, {ImageBytes}) |u1");
        var n = data.Shape[0];
        var columns = labelKeys.Select(k =>
        {
            var (labelsKey, classCount) = k;
            var labels = ReadLabels(Get(dict, path, labelsKey), path, labelsKey);
            if (labels.LongLength != n)
                throw new DatasetFormatException(path, $"b'{labelsKey}' has {labels.LongLength} labels for {n} images");
            for (var i = 0; i < labels.Length; i++)
                if (labels[i] < 0 || labels[i] >= classCount)
                    throw new DatasetFormatException(path, $"b'{labelsKey}'[{i}] is {labels[i]}, expected 0..{classCount - 1}");
            return labels;
        }).ToArray();
        return (torch.tensor<byte>(data.Data, [n, 3, 32, 32]), columns.Select(l => torch.tensor(l)).ToArray());
    }

    private static object? Get(PickleDictionary dict, string path, string key) =>
        dict.TryGetValue(key, out var v) ? v
        : throw new DatasetFormatException(path, $"no b'{key}' key; the dict has {string.Join(", ", dict.KeyNames.Select(k => $"'{k}'"))}");

    private static long[] ReadLabels(object? value, string path, string key) => value switch
    {
        List<object?> list => list.Select((x, i) => x as long?
            ?? throw new DatasetFormatException(path, $"b'{key}'[{i}] is {PickleReader.Describe(x)}, expected an int")).ToArray(),
        NumpyArray { Shape.Length: 1 } a => a.ToInt64(path),
        _ => throw new DatasetFormatException(path, $"b'{key}' is {PickleReader.Describe(value)}, expected a list of ints"),
    };
}
