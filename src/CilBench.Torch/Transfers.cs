namespace CilBench.Torch;

/// <summary>
/// Data crossings between host memory and tensors, counted by the binding. On a GPU each one synchronises with the
/// device, so a training step should make none: reads and copies belong at epoch (or progress) boundaries.
/// </summary>
/// <param name="DeviceToHostReads">Reads of tensor data into host memory: item(), data(), CopyTo(), bytes(), and
/// moves from a device to the CPU.</param>
/// <param name="HostToDeviceCopies">Tensors made from host memory (torch.tensor, frombuffer) and moves from the CPU
/// to a device.</param>
public readonly record struct TransferCounts(long DeviceToHostReads, long HostToDeviceCopies)
{
    public static TransferCounts operator -(TransferCounts a, TransferCounts b) =>
        new(a.DeviceToHostReads - b.DeviceToHostReads, a.HostToDeviceCopies - b.HostToDeviceCopies);
}

internal static class Transfers
{
    private static long reads, copies;

    internal static void Read() => Interlocked.Increment(ref reads);

    internal static void Copy() => Interlocked.Increment(ref copies);

    internal static TransferCounts Snapshot => new(Interlocked.Read(ref reads), Interlocked.Read(ref copies));
}
