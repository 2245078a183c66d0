using System.Text.Json;
using CilBench.Torch;

namespace CilBench.Abstractions;

/// <summary>Everything a learner is given once, when a run starts.</summary>
public sealed class MethodContext
{
    /// <summary>The device to train and predict on.</summary>
    public required Device Device { get; init; }

    /// <summary>The run's seed; the harness has already seeded libtorch's default generator with it.</summary>
    public required int Seed { get; init; }

    /// <summary>Backbone name from the protocol's recipe, e.g. "resnet32" (see CilBench.Learning's backbone registry).</summary>
    public required string Backbone { get; init; }

    /// <summary>Shape of one input image.</summary>
    public required InputShape Input { get; init; }

    /// <summary>Number of classes in the whole protocol (all tasks).</summary>
    public required int TotalClasses { get; init; }

    /// <summary>Number of tasks in the protocol.</summary>
    public required int TaskCount { get; init; }

    /// <summary>The method's defaults merged with the protocol's overrides (a JSON object).</summary>
    public required JsonElement HyperParameters { get; init; }

    /// <summary>Where the learner writes log lines.</summary>
    public required IRunLog Log { get; init; }

    /// <summary>
    /// The shared first-task model, when the protocol asks for one and the method uses it
    /// (<see cref="IMethod.UsesBaseModel"/>); null otherwise. Added in contract 1.1.
    /// </summary>
    public BaseModel? BaseModel { get; init; }
}

/// <summary>Channels, height and width of one image.</summary>
/// <param name="Channels">Image channels (1 for Fashion-MNIST, 3 for CIFAR).</param>
/// <param name="Height">Height in pixels.</param>
/// <param name="Width">Width in pixels.</param>
public readonly record struct InputShape(int Channels, int Height, int Width)
{
    /// <summary>Bytes of one stored image (uint8 per channel and pixel): the cost of one exemplar.</summary>
    public long Bytes => (long)Channels * Height * Width;

    /// <inheritdoc />
    public override string ToString() => $"{Channels}x{Height}x{Width}";
}
