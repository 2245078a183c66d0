using CilBench.Abstractions;
using CilBench.Core.Protocols;
using CilBench.Core.Scenario;
using CilBench.Torch;

namespace CilBench.Core.Tests.Runner;

/// <summary>
/// "synth": 6 classes of 1 x 4 x 4 uint8 images, 20 training and 4 test images per class, interleaved by class in
/// file order. Every pixel of a class-c image lies in [40c, 40c + 10), so nearest class mean is always right.
/// </summary>
internal sealed class SyntheticDatasetSource : IDatasetSource
{
    public static readonly DatasetInfo Info = new("synth", 6, new InputShape(1, 4, 4), 20, 4);

    public IEnumerable<string> Names => [Info.Name];

    public DatasetInfo? Find(string name) => name == Info.Name ? Info : null;

    public LoadedDataset Load(DatasetSpec spec)
    {
        var random = new Random(42);
        (Tensor, int[]) Split(int perClass)
        {
            var n = perClass * Info.Classes;
            var labels = Enumerable.Range(0, n).Select(i => i % Info.Classes).ToArray();
            var pixels = labels.SelectMany(c => Enumerable.Range(0, (int)Info.Shape.Bytes).Select(_ => (byte)(40 * c + random.Next(10)))).ToArray();
            return (torch.tensor(pixels, [n, Info.Shape.Channels, Info.Shape.Height, Info.Shape.Width]), labels);
        }
        var (trainImages, trainLabels) = Split(Info.TrainPerClass);
        var (testImages, testLabels) = Split(Info.TestPerClass);
        return new LoadedDataset
        {
            Info = Info,
            TrainImages = trainImages,
            TrainLabels = trainLabels,
            TestImages = testImages,
            TestLabels = testLabels,
            FileHashes = new() { ["synth"] = "0" },
        };
    }
}
