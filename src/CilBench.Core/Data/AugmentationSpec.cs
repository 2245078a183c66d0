namespace CilBench.Core.Data;

/// <summary>
/// What <see cref="Augmentation"/> does to a batch, in PyCIL's order: random crop after zero padding, random
/// horizontal flip, brightness jitter, then per-channel normalisation. Deserialisable from a protocol's JSON
/// (<c>{"cropPadding": 4, "flip": true, "brightness": 0.247, "mean": [...], "std": [...]}</c>); the defaults do nothing
/// but scale bytes to [0, 1].
/// </summary>
public sealed record AugmentationSpec
{
    /// <summary>Zero padding on each side before a random crop back to the input size (torchvision RandomCrop(size, padding)); 0: no crop.</summary>
    public int CropPadding { get; init; }

    /// <summary>Flip each image left-right with probability 1/2 (RandomHorizontalFlip()).</summary>
    public bool Flip { get; init; }

    /// <summary>Multiply each image by a factor uniform in [max(0, 1-b), 1+b] and clamp to [0, 1] (ColorJitter(brightness=b)); 0: off.</summary>
    public double Brightness { get; init; }

    /// <summary>Per-channel mean subtracted after scaling to [0, 1]; empty: no normalisation.</summary>
    public double[] Mean { get; init; } = [];

    /// <summary>Per-channel standard deviation divided by; same length as <see cref="Mean"/>.</summary>
    public double[] Std { get; init; } = [];

    /// <summary>Whether the spec draws random numbers (crop, flip or brightness); evaluation transforms must not.</summary>
    public bool IsRandom => CropPadding > 0 || Flip || Brightness > 0;

    /// <summary>The same normalisation without the random parts: the matching test-time transform.</summary>
    public AugmentationSpec Deterministic => this with { CropPadding = 0, Flip = false, Brightness = 0 };

    private static readonly double[] Cifar10Mean = [0.4914, 0.4822, 0.4465];
    private static readonly double[] Cifar10Std = [0.2023, 0.1994, 0.2010];
    private static readonly double[] Cifar100Mean = [0.5071, 0.4867, 0.4408];
    private static readonly double[] Cifar100Std = [0.2675, 0.2565, 0.2761];

    /// <summary>PyCIL's iCIFAR10 train transforms.</summary>
    public static AugmentationSpec Cifar10Train => new() { CropPadding = 4, Flip = true, Brightness = 63.0 / 255, Mean = Cifar10Mean, Std = Cifar10Std };

    /// <summary>PyCIL's iCIFAR100 train transforms: RandomCrop(32, padding=4), RandomHorizontalFlip(), ColorJitter(brightness=63/255), Normalize.</summary>
    public static AugmentationSpec Cifar100Train => new() { CropPadding = 4, Flip = true, Brightness = 63.0 / 255, Mean = Cifar100Mean, Std = Cifar100Std };

    /// <summary>Throws unless the spec is usable on images with <paramref name="channels"/> channels.</summary>
    public void Validate(int channels)
    {
        if (CropPadding < 0) throw new ArgumentException($"augmentation cropPadding is {CropPadding}, expected 0 or more");
        if (Brightness is < 0 or > 1 || double.IsNaN(Brightness))
            throw new ArgumentException($"augmentation brightness is {Brightness}, expected a value in [0, 1]");
        if (Mean.Length != Std.Length)
            throw new ArgumentException($"augmentation mean has {Mean.Length} values but std has {Std.Length}");
        if (Mean.Length != 0 && Mean.Length != channels)
            throw new ArgumentException($"augmentation mean/std have {Mean.Length} values, expected one per channel ({channels})");
        if (Std.Any(s => !(s > 0)))
            throw new ArgumentException($"augmentation std [{string.Join(", ", Std)}] must be positive");
    }
}
