using CilBench.Abstractions;

namespace CilBench.Core.Memory;

/// <summary>Bytes of a learner's state, split as the results report them.</summary>
public sealed record StateBytes(long Parameters, long Buffers, long BackboneParameters)
{
    public long Total => Parameters + Buffers;

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
        return new StateBytes(parameters, buffers, backbone);
    }
}
