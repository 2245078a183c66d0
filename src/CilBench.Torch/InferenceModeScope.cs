using CilBench.Torch.Native;

namespace CilBench.Torch;

/// <summary>
/// Holds a native <c>c10::InferenceMode</c> guard. Guards restore the state they saw, so they must end innermost
/// first on their own thread: disposing an outer scope first ends the inner ones with it.
/// </summary>
internal sealed class InferenceModeScope : IDisposable
{
    [ThreadStatic] private static InferenceModeScope? current;

    private readonly InferenceModeScope? outer;
    private IntPtr guard;

    private InferenceModeScope(InferenceModeScope? outer, IntPtr guard)
    {
        this.outer = outer;
        this.guard = guard;
    }

    internal static InferenceModeScope Enter()
    {
        var guard = NativeMethods.cb_inference_mode_enter(true);
        if (guard == IntPtr.Zero) NativeMethods.Check();
        return current = new InferenceModeScope(current, guard);
    }

    public void Dispose()
    {
        if (guard == IntPtr.Zero) return;
        if (!OnThisThread())
            throw new InvalidOperationException("an inference_mode scope must be disposed on the thread that entered it");
        while (current != this) current!.Exit();
        Exit();
    }

    private bool OnThisThread()
    {
        for (var s = current; s is not null; s = s.outer)
            if (s == this) return true;
        return false;
    }

    private void Exit()
    {
        NativeMethods.cb_inference_mode_exit(guard);
        guard = IntPtr.Zero;
        current = outer;
    }
}
