[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("CilBench.Torch.Tests")]
