using System.Diagnostics;

namespace CilBench.Core.Tests.Data;

/// <summary>Fixture pickles written by the real Python 3 pickle module with numpy, as <c>pickle.dump(d, f, protocol=2)</c>.</summary>
public static class PythonFixtures
{
    public const string Python = "/usr/bin/python3";

    public static bool NumpyAvailable { get; } = File.Exists(Python) && Run("import numpy", TimeSpan.FromSeconds(60)).ExitCode == 0;

    // Same contents as CifarFixtures: pixel (i, j) = (i*7 + j*13 + offset) % 256, label i = (i*3 + offset) % classes.
    private const string Script = """
        import pickle, sys
        import numpy as np
        def batch(kind, n, offset, numpy_labels):
            i = np.arange(n)[:, None]; j = np.arange(3072)[None, :]
            data = ((i * 7 + j * 13 + offset) % 256).astype(np.uint8)
            def labels(c):
                v = (np.arange(n) * 3 + offset) % c
                return v.astype(np.int64) if numpy_labels else [int(x) for x in v]
            names = [b'img_%d.png' % k for k in range(n)]
            if kind == '10':
                return {b'batch_label': b'training batch 1 of 5', b'labels': labels(10), b'data': data, b'filenames': names}
            return {b'filenames': names, b'batch_label': b'training batch 1 of 1', b'fine_labels': labels(100),
                    b'coarse_labels': labels(20), b'data': data}
        for spec in sys.argv[1:]:
            path, kind, n, offset, numpy_labels = spec.split(',')
            with open(path, 'wb') as f:
                pickle.dump(batch(kind, int(n), int(offset), numpy_labels == '1'), f, protocol=2)
        """;

    /// <summary>Writes CIFAR python-version batches: one (path, "10" or "100", n, offset, labels as a numpy int64 array?) each.</summary>
    public static void WriteCifarBatches(params (string Path, string Kind, int N, int Offset, bool NumpyLabels)[] batches)
    {
        var args = batches.Select(b => $"{b.Path},{b.Kind},{b.N},{b.Offset},{(b.NumpyLabels ? 1 : 0)}");
        var (code, error) = Run(Script, TimeSpan.FromSeconds(120), args);
        if (code != 0) throw new InvalidOperationException($"{Python} failed writing fixtures ({code}): {error}");
    }

    private static (int ExitCode, string Error) Run(string script, TimeSpan timeout, IEnumerable<string>? args = null)
    {
        var psi = new ProcessStartInfo(Python) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(script);
        foreach (var a in args ?? []) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var error = p.StandardError.ReadToEndAsync();
        p.StandardOutput.ReadToEnd();
        if (!p.WaitForExit(timeout))
        {
            p.Kill();
            return (-1, "timed out");
        }
        return (p.ExitCode, error.Result);
    }
}
