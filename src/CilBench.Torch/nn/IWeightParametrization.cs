namespace CilBench.Torch;

public static partial class torch
{
    public static partial class nn
    {
        /// <summary>
        /// What a <see cref="Conv2d"/>, <see cref="Linear"/> or affine <see cref="BatchNorm2d"/> computes with instead of its raw weight and bias, as
        /// PyTorch's <c>torch.nn.utils.parametrize</c>: a method can mask or reshape the effective weights of any
        /// network built of these layers without changing the network's code. The returned tensors are used for one
        /// forward pass; gradients flow through them to whatever they are computed from.
        /// </summary>
        public interface IWeightParametrization
        {
            (Tensor weight, Tensor? bias) Apply(Tensor weight, Tensor? bias);
        }
    }
}
