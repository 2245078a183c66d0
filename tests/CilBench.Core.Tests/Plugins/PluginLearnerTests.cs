using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json;
using CilBench.Abstractions;
using CilBench.Core.Plugins;
using CilBench.Torch;

namespace CilBench.Core.Tests.Plugins;

public class PluginLearnerTests
{
    private static readonly InputShape Input = new(1, 4, 4);

    [Fact]
    public void PluginSeesTheHostsContractAndTensorTypes()
    {
        using var folder = new PluginFolder();
        folder.AddPlugin("GoodPlugin");
        var method = LoadGoodPlugin(folder).Method;

        var pluginAssembly = method.GetType().Assembly;
        var context = AssemblyLoadContext.GetLoadContext(pluginAssembly)!;
        Assert.NotSame(AssemblyLoadContext.Default, context);
        var learnerType = pluginAssembly.GetType("GoodPlugin.NearestMeanLearner")!;
        Assert.Same(typeof(Tensor), learnerType.GetMethod(nameof(IIncrementalLearner.Predict))!.GetParameters()[0].ParameterType);
        Assert.Same(typeof(IMethod).Assembly, context.LoadFromAssemblyName(typeof(IMethod).Assembly.GetName()));

        // Its private dependency comes from the plugin's folder, into the plugin's context.
        var dependency = context.LoadFromAssemblyName(new AssemblyName("PluginDependency"));
        Assert.Same(context, AssemblyLoadContext.GetLoadContext(dependency));
        Assert.Equal(Path.Combine(folder.Root, "GoodPlugin", "PluginDependency.dll"), dependency.Location);
    }

    [Fact]
    public void LearnerLearnsRanksPredictsAndRestoresThroughTheContract()
    {
        using var folder = new PluginFolder();
        folder.AddPlugin("GoodPlugin");
        var method = LoadGoodPlugin(folder).Method;
        using var scope = torch.NewDisposeScope();
        var context = Context(method);
        using var learner = method.Create(context);
        var empty = Data(classes: [], perClass: 0, seed: 0);

        for (var task = 0; task < 2; task++)
        {
            int[] classes = [2 * task, 2 * task + 1];
            var train = Data(classes, perClass: 10, seed: task);
            learner.Learn(new TaskContext
            {
                TaskIndex = task, TaskCount = 2, KnownClasses = 2 * task, TotalClasses = 2 * task + 2,
                NewData = train, TrainData = train, Memory = new EmptyMemory(empty), Seed = task,
                Progress = new Progress<TrainingProgress>(),
            });

            var ranking = learner.RankExemplars(new ExemplarRequest([.. classes.Select(c => new ClassCandidates(c, train.OfClass(c), 3))]));
            Assert.Equal(classes, ranking.Ranked.Keys.Order());
            Assert.All(ranking.Ranked.Values, order => Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), order.Order()));
            learner.MemoryUpdated(new EmptyMemory(empty));

            var seen = Enumerable.Range(0, 2 * task + 2).ToArray();
            var test = Data(seen, perClass: 5, seed: 100 + task);
            using var predictions = learner.Predict(Images(test));
            var (head, scores) = Assert.Single(predictions.Heads);
            Assert.Equal("nme", head);
            Assert.Equal([test.Count, seen.Length], scores.shape);
            Assert.Equal(test.Labels.Select(l => (long)l), scores.argmax(1).data<long>());
        }

        var state = learner.State();
        Assert.Equal([4, Input.Bytes], Assert.Single(state.Tensors).Value.Tensor.shape);
        using var restored = method.Create(context);
        restored.Load(state);
        var probe = Images(Data([0, 1, 2, 3], perClass: 3, seed: 7));
        using var expected = learner.Predict(probe);
        using var actual = restored.Predict(probe);
        Assert.True(expected.Heads[0].Value.equal(actual.Heads[0].Value));
    }

    private static LoadedMethod LoadGoodPlugin(PluginFolder folder)
    {
        var catalog = PluginLoader.Load(new PluginSources { Directories = [folder.Root] });
        Assert.Empty(catalog.Diagnostics);
        return catalog.Find("nearest-mean");
    }

    private static MethodContext Context(IMethod method) => new()
    {
        Device = Device.CPU, Seed = 1, Backbone = "none", Input = Input, TotalClasses = 4, TaskCount = 2,
        HyperParameters = JsonDocument.Parse(method.DefaultHyperParameters).RootElement,
        Log = new NullLog(),
    };

    // Class c's images are the constant c plus a little noise: well apart, so the nearest mean is always right.
    private static TensorDataView Data(int[] classes, int perClass, int seed)
    {
        var labels = torch.tensor(classes.SelectMany(c => Enumerable.Repeat((long)c, perClass)).ToArray());
        using var generator = new Generator((ulong)seed);
        var noise = torch.randn([labels.size(0), Input.Channels, Input.Height, Input.Width], generator) * 0.1;
        return new TensorDataView(noise + labels.@float().view(labels.size(0), 1, 1, 1), labels);
    }

    private static Tensor Images(TensorDataView view)
    {
        using var batch = view.Batches(new BatchOptions(view.Count)).Single();
        return batch.Images.clone();
    }

    private sealed class NullLog : IRunLog
    {
        public void Info(string message) { }

        public void Warn(string message) { }
    }
}
