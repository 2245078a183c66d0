using System.Reflection;
using CilBench.Abstractions;
using CilBench.Core.Fingerprints;

namespace CilBench.Core.Plugins;

/// <summary>
/// Loads method plugins, each into its own <see cref="PluginLoadContext"/>. Every candidate either yields a
/// <see cref="LoadedMethod"/> or one <see cref="PluginDiagnostic"/>; a broken plugin never keeps the others from
/// loading. Sources are read in order: the default folder, the extra folders, then the files; a file reached twice
/// is loaded once, and of two methods with the same name the first wins.
/// </summary>
public static class PluginLoader
{
    /// <summary>The assemblies every plugin shares with the harness (see <see cref="PluginLoadContext"/>).</summary>
    internal static readonly System.Reflection.Assembly[] SharedAssemblies = [typeof(IMethod).Assembly, typeof(CilBench.Torch.Tensor).Assembly];

    /// <summary>Loads every plugin the sources lead to.</summary>
    public static PluginCatalog Load(PluginSources sources)
    {
        var session = new Session();
        if (sources.DefaultDirectory is { } defaultDirectory && Directory.Exists(defaultDirectory))
            session.LoadDirectory(defaultDirectory);
        foreach (var directory in sources.Directories)
        {
            if (!Directory.Exists(directory)) session.Report(directory, "plugin directory not found");
            else if (!session.LoadDirectory(directory))
                session.Report(directory, "no plugin found (looked for *.dll carrying [assembly: CilBenchMethod] and Name/Name.dll)");
        }
        foreach (var file in sources.Files) session.Load(new PluginCandidate(Path.GetFullPath(file), Required: true));
        return new PluginCatalog(session.Methods, session.Diagnostics);
    }

    private sealed class Session
    {
        public List<LoadedMethod> Methods { get; } = [];
        public List<PluginDiagnostic> Diagnostics { get; } = [];

        // Full path -> whether the candidate gave a method or a diagnostic (false: a dependency, skipped).
        private readonly Dictionary<string, bool> seen = new(StringComparer.Ordinal);

        public void Report(string path, string reason) => Diagnostics.Add(new PluginDiagnostic(path, reason));

        /// <summary>Loads the folder's candidates; false when none of them was a plugin.</summary>
        public bool LoadDirectory(string directory)
        {
            var any = false;
            try
            {
                foreach (var candidate in PluginDiscovery.Candidates(directory)) any |= Load(candidate);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Report(directory, $"cannot be read: {e.Message}");
                return true;
            }
            return any;
        }

        /// <summary>Loads one candidate; false when it is a dependency that was skipped.</summary>
        public bool Load(PluginCandidate candidate)
        {
            // A dependency skipped in a folder is looked at again when it is named as a plugin.
            if (seen.TryGetValue(candidate.Path, out var known) && (known || !candidate.Required)) return known;
            bool isPlugin;
            try
            {
                var method = LoadMethod(candidate);
                isPlugin = method is not null;
                if (method is not null) Add(method);
            }
            catch (PluginRejectedException e)
            {
                Report(candidate.Path, e.Message);
                isPlugin = true;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Report(candidate.Path, $"cannot be read: {e.Message}");
                isPlugin = true;
            }
            seen[candidate.Path] = isPlugin;
            return isPlugin;
        }

        private void Add(LoadedMethod method)
        {
            var first = Methods.FirstOrDefault(m => string.Equals(m.Name, method.Name, StringComparison.OrdinalIgnoreCase));
            if (first is null) Methods.Add(method);
            else Report(method.Path, $"method name '{method.Name}' is already taken by {first.Path}; this one is not loaded");
        }
    }

    private static LoadedMethod? LoadMethod(PluginCandidate candidate)
    {
        var path = candidate.Path;
        if (!File.Exists(path)) throw new PluginRejectedException("file not found");
        var manifest = PluginMetadata.Read(path);
        if (manifest.ContractMajor is not { } contractMajor)
        {
            return candidate.Required
                ? throw new PluginRejectedException("no [assembly: CilBenchMethod(typeof(...))] attribute: not a CilBench method plugin")
                : null;
        }
        if (contractMajor != ContractVersion.Major)
            throw new PluginRejectedException($"built against contract {contractMajor}.x, this harness has contract {ContractVersion.Text}");
        foreach (var shared in SharedAssemblies)
        {
            var name = shared.GetName();
            if (manifest.References.TryGetValue(name.Name!, out var built)
                && ContractCompatibility.Problem(shared == typeof(IMethod).Assembly ? "contract" : name.Name!, built, name.Version!) is { } problem)
                throw new PluginRejectedException(problem);
        }

        var sha256 = FileHash.Of(path);
        try
        {
            var assembly = new PluginLoadContext(path).LoadFromAssemblyPath(path);
            var method = Instantiate(assembly);
            CheckName(method.Name);
            return new LoadedMethod(method, path, sha256, assembly.GetName().Version ?? new Version(0, 0));
        }
        catch (Exception e) when (e is not PluginRejectedException)
        {
            // Plugin code runs here (static initializers, Name); whatever it throws is that plugin's failure only.
            throw new PluginRejectedException($"could not be loaded: {e.GetType().Name}: {e.Message}");
        }
    }

    private static IMethod Instantiate(Assembly assembly)
    {
        var attribute = assembly.GetCustomAttribute<CilBenchMethodAttribute>()
            ?? throw new PluginRejectedException("its [CilBenchMethod] attribute is not the host's contract type");
        var type = attribute.MethodType;
        if (!typeof(IMethod).IsAssignableFrom(type))
            throw new PluginRejectedException($"{type.FullName} does not implement {typeof(IMethod).FullName}");
        if (type.IsAbstract || type.GetConstructor(Type.EmptyTypes) is null)
            throw new PluginRejectedException($"{type.FullName} has no public parameterless constructor");
        try
        {
            return (IMethod)Activator.CreateInstance(type)!;
        }
        catch (Exception e) when (e is TargetInvocationException or TypeInitializationException)
        {
            var cause = e;
            while (cause is TargetInvocationException or TypeInitializationException && cause.InnerException is not null)
                cause = cause.InnerException;
            var where = e is TypeInitializationException || e.InnerException is TypeInitializationException
                ? "static initializer" : "constructor";
            throw new PluginRejectedException($"the {where} of {type.FullName} threw {cause.GetType().Name}: {cause.Message}");
        }
    }

    // The name is typed on the command line and becomes part of result paths.
    private static void CheckName(string name)
    {
        if (!Protocols.PathSafeName.IsSafe(name))
            throw new PluginRejectedException($"method name '{name}' is not usable on the command line and in file names");
    }
}
