using System.Globalization;
using CilBench.Learning.Training;

namespace CilBench.Plugins.Grown;

/// <summary>
/// GROWN's hyper-parameters. The paper publishes no code and no full recipe; the training recipe here (SGD, 100
/// epochs per task, lr 0.01, milestones [50, 75], weight decay 5e-4, batch 64) is ours, and README.md lists every
/// other value the paper leaves open.
/// </summary>
public sealed record GrownOptions : StandardOptions
{
    public GrownOptions()
    {
        Backbone = "lenet5";
        InitEpochs = 100;
        Epochs = 100;
        InitLr = 0.01;
        Lr = 0.01;
        InitMilestones = [50, 75];
        Milestones = [50, 75];
        InitWeightDecay = 0.0005;
        WeightDecay = 0.0005;
        BatchSize = 64;
    }

    /// <summary>Width of the seed network as a fraction of the backbone's channels (0.5 on Split CIFAR-100, 0.3 on Superclass).</summary>
    public double SeedWidth { get; init; } = 0.5;

    /// <summary>Width of the channel pool growth draws from, as a fraction of the backbone's channels.</summary>
    public double MaxWidth { get; init; } = 1.0;

    /// <summary>Fraction of each class's training data held out to decide whether a task needs growth.</summary>
    public double ValidationFraction { get; init; } = 0.1;

    /// <summary>
    /// "scratch": the validation accuracy of a full-width backbone trained from scratch on the task alone (the
    /// paper's); or a fixed accuracy in percent, e.g. "90" (above 100: every task grows).
    /// </summary>
    public string Target { get; init; } = "scratch";

    /// <summary>lambda of Eq. 3: weight of ||m_g||_0 (relaxed, per candidate channel).</summary>
    public double GrowthLambda { get; init; } = 0.5;

    /// <summary>Weight of ||m_a||_0 (relaxed, per trainable kernel): what releases kernels.</summary>
    public double AttentiveLambda { get; init; } = 0.1;

    /// <summary>Learning rate of the mask scores (SGD, no weight decay).</summary>
    public double MaskLr { get; init; } = 0.1;

    /// <summary>Final temperature of the continuous masks (beta rises from 1 to this over a phase's epochs).</summary>
    public double BetaMax { get; init; } = 200;

    /// <summary>T of the Gumbel-sigmoid selective masks (Eq. 6).</summary>
    public double GumbelTemperature { get; init; } = 1.0;

    /// <summary>Initial score of every selective mask (positive: old kernels start reused).</summary>
    public double SelectiveScoreInit { get; init; } = 3.0;

    /// <summary>Initial score of every attentive mask.</summary>
    public double AttentiveScoreInit { get; init; } = 1.0;

    /// <summary>Initial score of every grown mask (0: a candidate channel starts at sigmoid(0) = 0.5).</summary>
    public double GrowthScoreInit { get; init; } = 0.0;

    /// <summary>The fixed target accuracy in percent, or null for "scratch".</summary>
    /// <exception cref="ArgumentException">Neither "scratch" nor a non-negative number.</exception>
    public double? FixedTarget()
    {
        if (Target == "scratch") return null;
        if (double.TryParse(Target, NumberStyles.Float, CultureInfo.InvariantCulture, out var percent) && double.IsFinite(percent) && percent >= 0)
            return percent;
        throw new ArgumentException($"grown: hyper-parameter 'target' must be \"scratch\" or an accuracy in percent such as \"90\", got \"{Target}\"");
    }

    /// <summary>Checks the values that have a range.</summary>
    public GrownOptions Validated()
    {
        void Check(bool ok, string key, object value, string expected)
        {
            if (!ok) throw new ArgumentException($"grown: hyper-parameter '{key}' must be {expected}, got {value}");
        }
        Check(MaxWidth > 0 && double.IsFinite(MaxWidth), "maxWidth", MaxWidth, "positive");
        Check(SeedWidth > 0 && SeedWidth <= MaxWidth, "seedWidth", SeedWidth, $"in (0, maxWidth = {MaxWidth}]");
        Check(ValidationFraction is > 0 and < 1, "validationFraction", ValidationFraction, "in (0, 1)");
        Check(GrowthLambda >= 0, "growthLambda", GrowthLambda, ">= 0");
        Check(AttentiveLambda >= 0, "attentiveLambda", AttentiveLambda, ">= 0");
        Check(BetaMax >= 1, "betaMax", BetaMax, ">= 1");
        Check(GumbelTemperature > 0, "gumbelTemperature", GumbelTemperature, "positive");
        FixedTarget();
        return this;
    }
}
