using System.Diagnostics;

namespace CilBench.Torch.Tests;

// xunit 2 has no dynamic skip: these facts decide at discovery whether they can run here, and say why not.

/// <summary>A fact that needs a CUDA device (a CUDA LibTorch and an NVIDIA GPU).</summary>
public sealed class CudaFactAttribute : FactAttribute
{
    public CudaFactAttribute()
    {
        if (!torch.cuda.is_available())
            Skip = $"CUDA is not available (libtorch {torch.__version__}): build against a CUDA LibTorch with LIBTORCH_DIR on a GPU machine";
    }
}

/// <summary>A fact that cross-checks with Python 3 and numpy, where they are installed.</summary>
public sealed class PythonFactAttribute : FactAttribute
{
    public const string Python = "/usr/bin/python3";

    private static readonly Lazy<bool> HasNumpy = new(() =>
    {
        if (!File.Exists(Python)) return false;
        try
        {
            using var p = Process.Start(new ProcessStartInfo(Python, ["-c", "import numpy"]) { RedirectStandardError = true })!;
            p.StandardError.ReadToEnd();
            p.WaitForExit();
            return p.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    });

    public PythonFactAttribute()
    {
        if (!HasNumpy.Value) Skip = $"{Python} with numpy is not available";
    }
}
