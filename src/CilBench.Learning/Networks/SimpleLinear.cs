using CilBench.Torch;

namespace CilBench.Learning.Networks;

/// <summary>
/// PyCIL's SimpleLinear (convs/linears.py): y = x W^T + b with W kaiming-uniform (nonlinearity "linear") and b = 0.
/// </summary>
public sealed class SimpleLinear : torch.nn.Module<Tensor, Tensor>
{
    public SimpleLinear(long inFeatures, long outFeatures, Device? device = null)
    {
        (InFeatures, OutFeatures) = (inFeatures, outFeatures);
        using var scope = torch.NewDisposeScope();
        var w = torch.empty([outFeatures, inFeatures], device: device);
        torch.nn.init.kaiming_uniform_(w, nonlinearity: "linear");
        register_parameter("weight", weight = new torch.nn.Parameter(w));
        register_parameter("bias", bias = new torch.nn.Parameter(torch.zeros([outFeatures], device: device)));
    }

    public long InFeatures { get; }

    public long OutFeatures { get; }

    public torch.nn.Parameter weight { get; }

    public torch.nn.Parameter bias { get; }

    public override Tensor forward(Tensor x) => torch.nn.functional.linear(x, weight, bias);

    /// <summary>
    /// A classifier over <paramref name="outFeatures"/> classes whose first rows copy this one's weight and bias
    /// (PyCIL's update_fc); the new rows keep their fresh initialisation.
    /// </summary>
    public SimpleLinear Grow(long outFeatures)
    {
        if (outFeatures < OutFeatures) throw new ArgumentException($"cannot shrink a classifier from {OutFeatures} to {outFeatures} classes");
        var grown = new SimpleLinear(InFeatures, outFeatures, weight.device);
        using var _ = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        grown.weight.narrow(0, 0, OutFeatures).copy_(weight);
        grown.bias.narrow(0, 0, OutFeatures).copy_(bias);
        return grown;
    }
}
