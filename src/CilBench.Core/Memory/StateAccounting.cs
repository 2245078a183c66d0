using System.Text;
using CilBench.Abstractions;

namespace CilBench.Core.Memory;

/// <summary>Bytes of a learner's state, split as the results report them.</summary>
/// <param name="Parameters">Parameter tensors.</param>
/// <param name="Buffers">Buffer tensors (BN statistics, class means...).</param>
/// <param name="BackboneParameters">The backbone's parameters alone (MEMO's figure; included in <paramref name="Parameters"/>).</param>
/// <param name="Info">UTF-8 bytes of the state's JSON info (0 when empty): what is kept there is model memory too.</param>
public sealed record StateBytes(long Parameters, long Buffers, long BackboneParameters, long Info)
{
    public long Total => Parameters + Buffers + Info;

    public static StateBytes Of(LearnerState state)
    {
        long parameters = 0, buffers = 0, backbone = 0;
        foreach (var (_, e) in state.Tensors)
        {
            var bytes = e.Tensor.nbytes;
            if (e.Kind == StateKind.Parameter)
            {
                parameters += bytes;
                if (e.Backbone) backbone += bytes;
            }
            else buffers += bytes;
        }
        // An empty info holds nothing; anything in it is stored in the checkpoint as this JSON text.
        var info = state.Info.Count == 0 ? 0 : Encoding.UTF8.GetByteCount(state.Info.ToJsonString());
        return new StateBytes(parameters, buffers, backbone, info);
    }

    public override string ToString() => $"{Total:N0} bytes (parameters {Parameters:N0}, buffers {Buffers:N0}, info {Info:N0})";
}
