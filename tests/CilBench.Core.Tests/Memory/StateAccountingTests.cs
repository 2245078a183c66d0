using System.Text.Json.Nodes;
using CilBench.Abstractions;
using CilBench.Core.Memory;
using CilBench.Torch;

namespace CilBench.Core.Tests.Memory;

public class StateAccountingTests
{
    [Fact]
    public void StateSplitsIntoParametersBuffersAndBackbone()
    {
        using var conv = torch.zeros([16, 3, 3, 3]);           // 432 float32: 1,728 bytes, backbone
        using var fc = torch.zeros([10, 64]);                  // 640 float32: 2,560 bytes
        using var runningMean = torch.zeros([16]);             // 64 bytes
        using var batches = torch.zeros([1], ScalarType.Int64); // 8 bytes
        using var halfMeans = torch.zeros([10, 64], ScalarType.Float16); // 1,280 bytes
        var state = new LearnerState { Info = new JsonObject { ["blocks"] = 3, ["name"] = "b3" } }
            .Add("backbone.conv.weight", conv, StateKind.Parameter, backbone: true)
            .Add("fc.weight", fc, StateKind.Parameter)
            .Add("backbone.bn.running_mean", runningMean, StateKind.Buffer)
            .Add("backbone.bn.num_batches_tracked", batches, StateKind.Buffer)
            .Add("class_means", halfMeans, StateKind.Buffer);

        var bytes = StateBytes.Of(state);

        // Info is stored as {"blocks":3,"name":"b3"}: 24 bytes.
        Assert.Equal(new StateBytes(1_728 + 2_560, 64 + 8 + 1_280, 1_728, 24), bytes);
        Assert.Equal(5_640 + 24, bytes.Total);
    }
}
