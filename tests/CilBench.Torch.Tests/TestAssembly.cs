// libtorch's default generator and torch.LiveTensorCount are process-wide: tests that seed the one or count the
// other would see each other's tensors and draws if classes ran in parallel.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
