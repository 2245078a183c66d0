// End-to-end runs are CPU-bound and each uses every core through libtorch; running them side by side only
// oversubscribes the machine (OpenMP threads spin), so this assembly runs its tests one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
