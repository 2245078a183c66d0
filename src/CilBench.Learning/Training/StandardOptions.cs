namespace CilBench.Learning.Training;

/// <summary>
/// The hyper-parameters every PyCIL-style method shares, named after PyCIL's exps/*.json keys in camelCase
/// (init_epoch -> initEpochs, lrate -> lr ...). Defaults are PyCIL's iCaRL CIFAR-100 recipe; methods override them.
/// </summary>
public record StandardOptions
{
    public string Backbone { get; init; } = "resnet32";
    public int InitEpochs { get; init; } = 200;
    public double InitLr { get; init; } = 0.1;
    public int[] InitMilestones { get; init; } = [60, 120, 170];
    public double InitLrDecay { get; init; } = 0.1;
    public double InitWeightDecay { get; init; } = 0.0005;
    public int Epochs { get; init; } = 170;
    public double Lr { get; init; } = 0.1;
    public int[] Milestones { get; init; } = [80, 120];
    public double LrDecay { get; init; } = 0.1;
    public double WeightDecay { get; init; } = 0.0002;
    public int BatchSize { get; init; } = 128;
    public double Momentum { get; init; } = 0.9;
    /// <summary>"multistep" or "cosine".</summary>
    public string Scheduler { get; init; } = "multistep";
    /// <summary>"fp32" or "bf16" (bfloat16 autocast in training steps).</summary>
    public string Precision { get; init; } = "fp32";
    /// <summary>"auto" (channels_last on the CPU, contiguous elsewhere), "contiguous" or "channels_last".</summary>
    public string MemoryFormat { get; init; } = "auto";

    /// <summary>The recipe of the first task.</summary>
    public TrainRecipe InitRecipe => new(InitEpochs, InitLr, InitMilestones, InitLrDecay, InitWeightDecay, BatchSize, Momentum, Scheduler, Precision, MemoryFormat);

    /// <summary>The recipe of every later task.</summary>
    public TrainRecipe IncrementalRecipe => new(Epochs, Lr, Milestones, LrDecay, WeightDecay, BatchSize, Momentum, Scheduler, Precision, MemoryFormat);

    /// <summary>The recipe for a task index.</summary>
    public TrainRecipe RecipeFor(int task) => task == 0 ? InitRecipe : IncrementalRecipe;
}
