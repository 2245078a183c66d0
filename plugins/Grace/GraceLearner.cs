using System.Text.Json.Nodes;
using CilBench.Abstractions;
using CilBench.Learning.Capacity;
using CilBench.Learning.Exemplars;
using CilBench.Learning.Losses;
using CilBench.Learning.Networks;
using CilBench.Learning.Training;
using CilBench.Torch;
using F = CilBench.Torch.torch.nn.functional;

namespace CilBench.Plugins.Grace;

/// <summary>
/// GRACE (Garcia-Castaneda et al., 2026; ai-digilab/GRACE models/grace.py), one task in the paper's cycle:
/// <list type="number">
/// <item>Grow: a new backbone initialised from the newest one (DER without masks); older backbones frozen and in
/// eval mode; the classifier spans all backbones' features, old weights copied. Task 0 trains with CE; later tasks
/// with CE + DER's auxiliary CE (|new| + 1 classes on the newest backbone), then weight aligning.</item>
/// <item>Compress, when the previous task's assessment found the newest backbone under-used: the two newest
/// backbones become one student backbone initialised as w * older + (1 - w) * newest, trained with
/// L = (1 - l) CE + l (c_kd KD + c_pred MSE(predictor(f_s), [f_older, f_newest])), l = known / total classes;
/// then weight aligning. The predictor is discarded.</item>
/// <item>Assess (every task): eRank of the newest backbone's features over the task's training data; the next task
/// compresses when eRank / min(N, d) &lt; t_base * t_decay^static_tasks (static_tasks counts consecutive compressions).</item>
/// </list>
/// Exemplars are herded over the concatenated features (PyCIL's base learner).
/// </summary>
public sealed class GraceLearner : IIncrementalLearner
{
    private readonly MethodContext context;
    private readonly GraceOptions options;
    private GraceNet net;
    private int staticTasks;
    private bool compressNext;
    private JsonObject? lastAssessment;

    public GraceLearner(MethodContext context, GraceOptions options)
    {
        (this.context, this.options) = (context, options);
        net = new GraceNet(options.Backbone, context.Input.Channels, context.Device, context.Seed);
    }

    public void Learn(TaskContext task)
    {
        // 1. Grow.
        net.Grow(task.TotalClasses);
        net.PrepareTraining();
        task.ReportEvent("grow", Architecture(net));
        if (task.TaskIndex == 0 && context.BaseModel is { } baseModel)
        {
            // GRACE's pretrain_path: the first backbone and the classifier from the shared first-task model.
            net.Convnets[0].load_state_dict(baseModel.WithPrefix("backbone."));
            net.Fc!.load_state_dict(baseModel.WithPrefix("fc."));
        }
        else if (task.TaskIndex == 0)
        {
            Trainer.Run("train", net.parameters(), options.InitRecipe, task.TrainData, task, batch =>
            {
                var (_, logits) = net.Forward(batch.Images);
                return new StepOutput(F.cross_entropy(logits, batch.Labels), logits);
            });
        }
        else
        {
            using (var aux = new SimpleLinear(net.OutDim, task.NewClasses + 1, context.Device))
                Trainer.Run("train", net.parameters().Concat(aux.parameters()), options.IncrementalRecipe, task.TrainData, task, batch =>
                {
                    var (features, logits) = net.Forward(batch.Images);
                    var newest = features.narrow(1, features.size(1) - net.OutDim, net.OutDim);
                    var loss = F.cross_entropy(logits, batch.Labels) + AuxiliaryLoss.CrossEntropy(aux.forward(newest), batch.Labels, task.KnownClasses);
                    return new StepOutput(loss, logits);
                });
            WeightAligning.Align(net.Fc!.weight, task.NewClasses);

            // 2. Compress.
            if (compressNext)
            {
                Compress(task);
                staticTasks++;
            }
            else staticTasks = 0;
        }

        // 3. Assess.
        Assess(task);
    }

    private void Compress(TaskContext task)
    {
        var teacher = net;
        var fuse = teacher.Convnets.Count - 2;
        var d = teacher.OutDim;
        // pi: the older backbone's share of the two backbones' classes; b: the new classes' share of samples per class.
        var importance = (double)teacher.ConvClasses[fuse] / (teacher.ConvClasses[fuse] + teacher.ConvClasses[^1]);
        var samplesNew = task.NewData.Count / task.NewClasses;
        var samplesOld = task.Memory.Count / task.KnownClasses;
        var bias = (double)samplesNew / (samplesNew + samplesOld);
        var weight = ImportanceInitialisation.Weight(importance, bias, options.PreservationExponent);
        var backbonesBefore = teacher.Convnets.Count;

        var student = teacher.Student(weight);
        using (var predictor = new SimpleLinear(d, 2 * d, context.Device))
        {
            teacher.eval();
            student.PrepareTraining();
            var lambda = (double)task.KnownClasses / task.TotalClasses;
            Trainer.Run("compress", student.parameters().Concat(predictor.parameters()), options.CompressRecipe, task.TrainData, task, batch =>
            {
                var (sFeatures, sLogits) = student.Forward(batch.Images);
                Tensor tFeatures, tLogits;
                using (torch.no_grad())
                    (tFeatures, tLogits) = teacher.Forward(batch.Images);
                // The student's merged backbone predicts both teacher backbones' features it replaces.
                var target = torch.cat([tFeatures.narrow(1, fuse * d, d), tFeatures.narrow(1, tFeatures.size(1) - d, d)], 1);
                var predicted = predictor.forward(sFeatures.narrow(1, sFeatures.size(1) - d, d));
                var loss = (1 - lambda) * F.cross_entropy(sLogits, batch.Labels)
                    + lambda * (options.CKdFactor * KnowledgeDistillation.KlLoss(sLogits, tLogits, options.KdTemperature)
                        + options.CPredFactor * F.mse_loss(predicted, target));
                return new StepOutput(loss, sLogits);
            });
        }
        WeightAligning.Align(student.Fc!.weight, task.NewClasses);
        net = student;
        teacher.Dispose();

        var details = Architecture(net);
        details["fused"] = new JsonArray(fuse, fuse + 1);
        details["backbonesBefore"] = backbonesBefore;
        details["importance"] = importance;
        details["bias"] = bias;
        details["weight"] = weight;
        task.ReportEvent("compress", details);
    }

    private void Assess(TaskContext task)
    {
        net.eval();
        EffectiveRank rank;
        using (var features = FeatureExtraction.Extract(net.Convnets[^1].forward, task.TrainData, options.BatchSize, augment: true, seed: task.Seed))
            rank = EffectiveRank.Of(features);
        var threshold = options.TBase * Math.Pow(options.TDecay, staticTasks);
        compressNext = rank.Saturation < threshold;
        lastAssessment = new JsonObject
        {
            ["erank"] = rank.ERank,
            ["saturation"] = rank.Saturation,
            ["samples"] = rank.Samples,
            ["dim"] = rank.Dim,
            ["threshold"] = threshold,
            ["staticTasks"] = staticTasks,
            ["next"] = compressNext ? "compress" : "grow",
        };
        task.ReportEvent("assess", (JsonObject)lastAssessment.DeepClone());
    }

    public ExemplarRanking RankExemplars(ExemplarRequest request)
    {
        net.eval();
        return Herding.RankClasses(request, net.Features, options.BatchSize);
    }

    public void MemoryUpdated(IExemplarMemoryView memory)
    {
    }

    public Predictions Predict(Tensor images)
    {
        net.eval();
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var (_, logits) = net.Forward(images);
        return new Predictions().Add("cnn", logits);
    }

    /// <summary>Every backbone (all backbone parameters) and the classifier; the info rebuilds the architecture and the pending decision.</summary>
    public LearnerState State()
    {
        var info = Architecture(net);
        info["backbone"] = options.Backbone;
        info["classes"] = net.Classes;
        info["staticTasks"] = staticTasks;
        info["compressNext"] = compressNext;
        if (lastAssessment is not null) info["assessment"] = lastAssessment.DeepClone();
        var state = new LearnerState { Info = info };
        for (var i = 0; i < net.Convnets.Count; i++) state.AddModule($"convnets.{i}.", net.Convnets[i], backbone: true);
        if (net.Fc is { } fc) state.AddModule("fc.", fc);
        return state;
    }

    public void Load(LearnerState state)
    {
        var info = state.Info;
        var backbone = info["backbone"]?.GetValue<string>();
        if (!string.Equals(backbone, options.Backbone, StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"grace: the state was saved with backbone '{backbone}', this learner uses '{options.Backbone}'");
        var convClasses = info["convClasses"]?.AsArray().Select(n => n!.GetValue<int>()).ToList()
            ?? throw new ArgumentException("grace: state info lacks 'convClasses'");
        var classes = info["classes"]?.GetValue<long>() ?? throw new ArgumentException("grace: state info lacks 'classes'");
        net.Rebuild(convClasses, classes);
        net.load_state_dict(state.WithPrefix(""));
        staticTasks = info["staticTasks"]?.GetValue<int>() ?? 0;
        compressNext = info["compressNext"]?.GetValue<bool>() ?? false;
        lastAssessment = info["assessment"]?.DeepClone().AsObject();
    }

    public void Dispose() => net.Dispose();

    private static JsonObject Architecture(GraceNet network) => new()
    {
        ["backbones"] = network.Convnets.Count,
        ["convClasses"] = new JsonArray(network.ConvClasses.Select(c => (JsonNode)c).ToArray()),
    };
}
