namespace CilBench.Core.Tests.Data;

/// <summary>A fact that is skipped, with the reason, when a file it needs is absent.</summary>
public sealed class FactWhenFileExistsAttribute : FactAttribute
{
    public FactWhenFileExistsAttribute(string path)
    {
        if (!File.Exists(path)) Skip = $"{path} is absent (install it with scripts/setup.sh)";
    }
}

/// <summary>A fact that is skipped when /usr/bin/python3 with numpy is not available to write fixtures.</summary>
public sealed class FactWhenNumpyAttribute : FactAttribute
{
    public FactWhenNumpyAttribute()
    {
        if (!PythonFixtures.NumpyAvailable) Skip = $"{PythonFixtures.Python} with numpy is not available";
    }
}
