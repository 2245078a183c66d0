namespace CilBench.Cli.Tests;

/// <summary>A fact that needs Debian's Fashion-MNIST (dataset-fashion-mnist); skipped with the reason when it is absent.</summary>
public sealed class FashionMnistFactAttribute : FactAttribute
{
    public FashionMnistFactAttribute()
    {
        if (!TinyProtocols.FashionMnistPresent) Skip = "Fashion-MNIST is not installed (scripts/setup.sh installs dataset-fashion-mnist)";
    }
}
