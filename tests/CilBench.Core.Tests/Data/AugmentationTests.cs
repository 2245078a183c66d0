using System.Text.Json;
using CilBench.Core.Data;
using CilBench.Torch;

namespace CilBench.Core.Tests.Data;

public class AugmentationTests
{
    private static Tensor Bytes(int n, int c, int h, int w, int seed)
    {
        var rng = new Random(seed);
        var data = new byte[n * c * h * w];
        rng.NextBytes(data);
        return torch.tensor<byte>(data, [n, c, h, w]);
    }

    // The random parameters training uses, one batch of n rows: [crop top, crop left, flip draw, brightness factor].
    private static Tensor Draws(AugmentationSpec spec, int n, Generator generator) =>
        AugmentationDraws.Draw(spec, [n], generator, Device.CPU)!;

    [Fact]
    public void SameSeedGivesTheSameBatchesAndAnotherSeedDiffers()
    {
        using var scope = torch.NewDisposeScope();
        var images = Bytes(8, 3, 32, 32, seed: 1);
        using var a = new Augmentation(AugmentationSpec.Cifar100Train, 7);
        using var b = new Augmentation(AugmentationSpec.Cifar100Train, 7);
        using var c = new Augmentation(AugmentationSpec.Cifar100Train, 8);
        for (var step = 0; step < 2; step++)
        {
            var x = a.Apply(images);
            Assert.Equal(new long[] { 8, 3, 32, 32 }, x.shape);
            Assert.Equal(ScalarType.Float32, x.dtype);
            Assert.True(x.equal(b.Apply(images)));
            Assert.False(x.equal(c.Apply(images)));
        }
        a.Reseed(7);
        using var fresh = new Augmentation(AugmentationSpec.Cifar100Train, 7);
        Assert.True(a.Apply(images).equal(fresh.Apply(images)));
    }

    [Fact]
    public void CropsAreSubWindowsOfThePaddedImage()
    {
        using var scope = torch.NewDisposeScope();
        const int n = 24, c = 2, h = 5, w = 6, pad = 2;
        var images = ImageTransforms.ToFloat(Bytes(n, c, h, w, seed: 2)) + 0.5; // no pixel equals the zero padding
        using var generator = new Generator(3);
        var crops = ImageTransforms.PaddedCrop(images, pad, Draws(new AugmentationSpec { CropPadding = pad }, n, generator).narrow(1, 0, 2));
        Assert.Equal(new long[] { n, c, h, w }, crops.shape);
        var x = images.data<float>();
        var y = crops.data<float>();
        var offsets = new HashSet<(int, int)>();
        for (var i = 0; i < n; i++)
        {
            var matches = new List<(int, int)>();
            for (var oy = 0; oy <= 2 * pad; oy++)
                for (var ox = 0; ox <= 2 * pad; ox++)
                    if (IsWindow(x, y, i, oy, ox)) matches.Add((oy, ox));
            Assert.Single(matches);
            offsets.Add(matches[0]);
        }
        Assert.True(offsets.Count > 5, $"only {offsets.Count} distinct offsets in {n} crops");

        // Pixel of the zero-padded image at (row, col) of padded coordinates.
        static float Padded(float[] x, int i, int ch, int row, int col) =>
            row < pad || row >= h + pad || col < pad || col >= w + pad ? 0f : x[((i * c + ch) * h + row - pad) * w + col - pad];

        static bool IsWindow(float[] x, float[] y, int i, int oy, int ox)
        {
            for (var ch = 0; ch < c; ch++)
                for (var r = 0; r < h; r++)
                    for (var col = 0; col < w; col++)
                        if (y[((i * c + ch) * h + r) * w + col] != Padded(x, i, ch, r + oy, col + ox)) return false;
            return true;
        }
    }

    [Fact]
    public void CropTakesTheWindowAtTheGivenOffsets()
    {
        using var scope = torch.NewDisposeScope();
        var padded = torch.arange(2 * 4 * 4, ScalarType.Float32).view(2, 1, 4, 4);
        var crops = ImageTransforms.Crop(padded, torch.tensor(new long[] { 0, 0, 1, 2 }, [2, 2]), 2, 2);
        Assert.Equal(new float[] { 0, 1, 4, 5, 16 + 6, 16 + 7, 16 + 10, 16 + 11 }, crops.data<float>());
    }

    [Fact]
    public void FlipMirrorsOnlyTheChosenImages()
    {
        using var scope = torch.NewDisposeScope();
        var images = torch.arange(2 * 1 * 2 * 3, ScalarType.Float32).view(2, 1, 2, 3);
        var flipped = ImageTransforms.FlipWhere(images, torch.tensor(new[] { true, false }));
        Assert.Equal(new float[] { 2, 1, 0, 5, 4, 3, 6, 7, 8, 9, 10, 11 }, flipped.data<float>());

        var batch = ImageTransforms.ToFloat(Bytes(32, 1, 3, 4, seed: 4));
        using var generator = new Generator(5);
        var random = ImageTransforms.FlipWhere(batch, Draws(new AugmentationSpec { Flip = true }, 32, generator).select(1, 2).lt(0.5));
        var mirrored = batch.flip(3);
        var flips = 0;
        for (var i = 0; i < 32; i++)
        {
            var same = random.select(0, i).equal(batch.select(0, i));
            var mirror = random.select(0, i).equal(mirrored.select(0, i));
            Assert.True(same || mirror);
            if (mirror) flips++;
        }
        Assert.InRange(flips, 4, 28);
    }

    [Fact]
    public void BrightnessScalesWithinTheJitterRangeAndClamps()
    {
        using var scope = torch.NewDisposeScope();
        var images = torch.full([2, 1, 1, 2], 0.6);
        var scaled = ImageTransforms.ScaleBrightness(images, torch.tensor(new float[] { 0.5f, 2f }));
        Assert.Equal(new float[] { 0.3f, 0.3f, 1f, 1f }, scaled.data<float>());

        const double b = 63.0 / 255;
        var quarter = torch.full([64, 1, 1, 1], 0.25);
        using var generator = new Generator(6);
        var drawn = Draws(new AugmentationSpec { Brightness = b }, 64, generator).select(1, 3);
        var factors = ImageTransforms.ScaleBrightness(quarter, drawn).data<float>().Select(v => v / 0.25).ToArray();
        Assert.All(factors, f => Assert.InRange(f, 1 - b - 1e-6, 1 + b + 1e-6));
        Assert.True(factors.Min() < 0.85 && factors.Max() > 1.15);
    }

    [Fact]
    public void NormalisationMatchesTorchvisionExactly()
    {
        using var scope = torch.NewDisposeScope();
        var spec = AugmentationSpec.Cifar100Train.Deterministic;
        var images = Bytes(3, 3, 4, 4, seed: 9);
        using var augmentation = new Augmentation(spec, 0);
        var actual = augmentation.Apply(images).data<float>();
        var raw = images.data<byte>();
        var expected = new float[raw.Length];
        for (var i = 0; i < raw.Length; i++)
        {
            var ch = i / 16 % 3;
            expected[i] = ((float)raw[i] / 255f - (float)spec.Mean[ch]) / (float)spec.Std[ch];
        }
        Assert.Equal(expected, actual);
        Assert.False(spec.IsRandom);
    }

    [Fact]
    public void SpecReadsFromProtocolJson()
    {
        var spec = JsonSerializer.Deserialize<AugmentationSpec>(
            """{"cropPadding": 4, "flip": true, "brightness": 0.24705882352941178, "mean": [0.5071, 0.4867, 0.4408], "std": [0.2675, 0.2565, 0.2761]}""",
            new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        var preset = AugmentationSpec.Cifar100Train;
        Assert.Equal((preset.CropPadding, preset.Flip, preset.Brightness), (spec.CropPadding, spec.Flip, spec.Brightness));
        Assert.Equal(preset.Mean, spec.Mean);
        Assert.Equal(preset.Std, spec.Std);
    }

    [Fact]
    public void SpecMismatchedWithTheImagesIsRefused()
    {
        using var scope = torch.NewDisposeScope();
        using var augmentation = new Augmentation(AugmentationSpec.Cifar100Train, 0);
        var e = Assert.Throws<ArgumentException>(() => augmentation.Apply(torch.zeros([1, 1, 28, 28], ScalarType.UInt8)));
        Assert.Contains("mean/std have 3 values, expected one per channel (1)", e.Message);
        var negative = new AugmentationSpec { CropPadding = -1 };
        Assert.Throws<ArgumentException>(() => negative.Validate(3));
    }
}
