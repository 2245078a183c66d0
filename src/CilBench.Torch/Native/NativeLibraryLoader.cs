using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CilBench.Torch.Native;

/// <summary>
/// Resolves the native shim from the folder this assembly lives in. There is no silent fallback: if the shim or
/// libtorch cannot be loaded, the error says what failed and how to fix it.
/// </summary>
internal static class NativeLibraryLoader
{
    internal const string LibraryName = "cilbench_native";
    private const string FileName = "libcilbench_native.so";

    // A library has no Main; the resolver must be in place before the first P/Invoke of this assembly.
#pragma warning disable CA2255
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Register() => NativeLibrary.SetDllImportResolver(typeof(NativeLibraryLoader).Assembly, Resolve);

    private static readonly Lock LoadLock = new();
    private static IntPtr loaded;

    // Called on the first use of every imported function: load once, and never call into the shim from here
    // again (a call would reset the error slot of a pending failure).
    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != LibraryName) return IntPtr.Zero;
        lock (LoadLock)
        {
            if (loaded == IntPtr.Zero) loaded = Load(assembly);
            return loaded;
        }
    }

    private static IntPtr Load(Assembly assembly)
    {
        var dir = Path.GetDirectoryName(assembly.Location);
        var path = string.IsNullOrEmpty(dir) ? FileName : Path.Combine(dir, FileName);
        if (!File.Exists(path))
            throw new DllNotFoundException(
                $"CilBench native shim not found at '{path}'. Build the solution with `dotnet build` " +
                "(it compiles native/ with CMake); if that fails, run scripts/setup.sh.");
        IntPtr lib;
        try
        {
            lib = NativeLibrary.Load(path);
        }
        catch (DllNotFoundException e)
        {
            throw new DllNotFoundException(
                $"Could not load '{path}' or the libtorch it links against: {e.Message}. " +
                "Run scripts/setup.sh (Debian libtorch-dev), or set LIBTORCH_DIR and rebuild.", e);
        }
        SetDefaultThreads(lib);
        KeepFreedMemory(lib);
        return lib;
    }

    /// <summary>
    /// Fixed glibc malloc thresholds, so freed activations stay mapped instead of being page-faulted in again every
    /// step (native/src/allocator.cpp; CILBENCH_MALLOC=glibc keeps glibc's defaults).
    /// </summary>
    private static unsafe void KeepFreedMemory(IntPtr lib)
    {
        var keep = (delegate* unmanaged<byte>)NativeLibrary.GetExport(lib, "cb_keep_freed_memory");
        KeepsFreedMemory = keep() != 0;
    }

    /// <summary>Whether the heap keeps freed memory mapped (see <see cref="KeepFreedMemory"/>).</summary>
    internal static bool KeepsFreedMemory { get; private set; }

    /// <summary>Debian's libtorch starts with one intra-op thread; use every core unless CILBENCH_THREADS says otherwise.</summary>
    private static unsafe void SetDefaultThreads(IntPtr lib)
    {
        var env = Environment.GetEnvironmentVariable("CILBENCH_THREADS");
        var threads = int.TryParse(env, out var n) && n > 0 ? n : Environment.ProcessorCount;
        var setThreads = (delegate* unmanaged<int, void>)NativeLibrary.GetExport(lib, "cb_set_num_threads");
        setThreads(threads);
    }
}
