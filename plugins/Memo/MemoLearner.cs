using System.Text.Json.Nodes;
using CilBench.Abstractions;
using CilBench.Learning.Exemplars;
using CilBench.Learning.Losses;
using CilBench.Learning.Networks;
using CilBench.Learning.Training;
using CilBench.Torch;
using F = CilBench.Torch.torch.nn.functional;

namespace CilBench.Plugins.Memo;

/// <summary>
/// MEMO (Zhou et al., ICLR 2023; ICLR23-MEMO and PyCIL models/memo.py), one task in the paper's order:
/// <list type="number">
/// <item>Expand: a specialized block phi_s for the task on the shared generalized blocks phi_g, initialised from the
/// newest block; the classifier W spans Phi(x) = [phi_s1(phi_g(x)), ..., phi_sb(phi_g(x))], old weights copied.</item>
/// <item>Freeze: old specialized blocks frozen and in eval mode; phi_g trains at task 0 and later if <c>train_base</c>.</item>
/// <item>Train: task 0 with L = CE(W^T Phi(x), y); later tasks add DER's auxiliary term,
/// L = CE(W^T Phi(x), y) + alpha_aux CE(W_aux^T phi_sb(phi_g(x)), y_aux), with |new| + 1 auxiliary classes.</item>
/// <item>Weight aligning (Zhao et al., CVPR 2020, Eq. 9-10) of the new classes' rows after each incremental task.</item>
/// <item>Exemplars: herding over Phi(x) (PyCIL's base learner).</item>
/// </list>
/// </summary>
public sealed class MemoLearner : IIncrementalLearner
{
    private readonly MethodContext context;
    private readonly MemoOptions options;
    private readonly MemoNet net;

    public MemoLearner(MethodContext context, MemoOptions options)
    {
        (this.context, this.options) = (context, options);
        net = new MemoNet(options.Backbone, context.Input.Channels, context.Device, context.Seed);
    }

    public void Learn(TaskContext task)
    {
        // 1. Expand.
        net.Expand(task.TotalClasses);
        // 2. Freeze: MEMO's after_task of task 0 sets phi_g's requires_grad to train_base for every later task.
        net.PrepareTraining(trainGeneralized: task.TaskIndex == 0 || options.TrainBase);

        // 3. Train (the first task: or load the shared base model, PyCIL's AdaptiveNet.load_checkpoint).
        if (task.TaskIndex == 0 && context.BaseModel is { } baseModel)
        {
            net.LoadPlain(baseModel);
            return;
        }
        if (task.TaskIndex == 0)
        {
            Trainer.Run("train", net.parameters(), options.InitRecipe, task.TrainData, task, batch =>
            {
                var (_, logits) = net.Forward(batch.Images);
                return new StepOutput(F.cross_entropy(logits, batch.Labels), logits);
            });
            return;
        }
        // The auxiliary head exists for this task only (PyCIL rebuilds it at every update_fc; no prediction uses it).
        using var aux = new SimpleLinear(net.BlockDim, task.NewClasses + 1, context.Device);
        Trainer.Run("train", net.parameters().Concat(aux.parameters()), options.IncrementalRecipe, task.TrainData, task, batch =>
        {
            var (features, logits) = net.Forward(batch.Images);
            var newest = features.narrow(1, features.size(1) - net.BlockDim, net.BlockDim);
            var loss = F.cross_entropy(logits, batch.Labels)
                + options.AlphaAux * AuxiliaryLoss.CrossEntropy(aux.forward(newest), batch.Labels, task.KnownClasses);
            return new StepOutput(loss, logits);
        });

        // 4. Weight aligning.
        var gamma = WeightAligning.Align(net.Fc!.weight, task.NewClasses);
        task.ReportEvent("weight-aligning", new JsonObject { ["gamma"] = gamma });
    }

    // 5. Herding over the concatenated features, in eval mode.
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

    /// <summary>phi_g, every specialized block (all backbone parameters) and the classifier; the block count rebuilds the architecture.</summary>
    public LearnerState State()
    {
        var state = new LearnerState
        {
            Info = new JsonObject { ["backbone"] = options.Backbone, ["blocks"] = net.Blocks.Count, ["classes"] = net.Classes },
        };
        state.AddModule("TaskAgnosticExtractor.", net.Generalized, backbone: true);
        for (var i = 0; i < net.Blocks.Count; i++) state.AddModule($"AdaptiveExtractors.{i}.", net.Blocks[i], backbone: true);
        if (net.Fc is { } fc) state.AddModule("fc.", fc);
        return state;
    }

    public void Load(LearnerState state)
    {
        if (net.Blocks.Count != 0) throw new InvalidOperationException("memo: Load expects a learner that has not learned yet");
        var backbone = state.Info["backbone"]?.GetValue<string>();
        if (!string.Equals(backbone, options.Backbone, StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"memo: the state was saved with backbone '{backbone}', this learner uses '{options.Backbone}'");
        var blocks = state.Info["blocks"]?.GetValue<int>() ?? throw new ArgumentException("memo: state info lacks 'blocks'");
        var classes = state.Info["classes"]?.GetValue<long>() ?? throw new ArgumentException("memo: state info lacks 'classes'");
        // The architecture only: every tensor is overwritten from the state below.
        for (var i = 0; i < blocks; i++) net.Expand(classes);
        net.load_state_dict(state.WithPrefix(""));
    }

    public void Dispose() => net.Dispose();
}
