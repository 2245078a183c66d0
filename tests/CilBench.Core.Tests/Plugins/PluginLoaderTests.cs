using System.Security.Cryptography;
using System.Text;
using CilBench.Core.Plugins;

namespace CilBench.Core.Tests.Plugins;

public class PluginLoaderTests
{
    private static PluginCatalog LoadFolder(PluginFolder folder) =>
        PluginLoader.Load(new PluginSources { Directories = [folder.Root] });

    [Fact]
    public void LoadsPluginFromItsSubfolderWithProvenance()
    {
        using var folder = new PluginFolder();
        var dll = folder.AddPlugin("GoodPlugin");

        var catalog = LoadFolder(folder);

        Assert.Empty(catalog.Diagnostics);
        var loaded = Assert.Single(catalog.Methods);
        Assert.Equal("nearest-mean", loaded.Name);
        Assert.Equal(dll, loaded.Path);
        Assert.Equal(new Version(1, 2, 3, 0), loaded.AssemblyVersion);
        using var sha = SHA256.Create();
        var expected = string.Concat(sha.ComputeHash(File.ReadAllBytes(dll)).Select(b => b.ToString("x2")));
        Assert.Equal(expected, loaded.Sha256);
    }

    [Fact]
    public void LoadsPluginFromFlatFolderAndSkipsItsDependencySilently()
    {
        using var folder = new PluginFolder();
        folder.AddPluginFlat("GoodPlugin");
        Assert.True(File.Exists(Path.Combine(folder.Root, "PluginDependency.dll")));

        var catalog = LoadFolder(folder);

        Assert.Empty(catalog.Diagnostics);
        Assert.Equal("nearest-mean", Assert.Single(catalog.Methods).Name);
    }

    [Theory]
    [InlineData("Contract2Plugin", "built against contract 2.x, this harness has contract 1.2")]
    [InlineData("NoAttributePlugin", "no [assembly: CilBenchMethod(typeof(...))] attribute")]
    [InlineData("NotMethodPlugin", "NotMethodPlugin.NotAMethod does not implement CilBench.Abstractions.IMethod")]
    [InlineData("NoCtorPlugin", "NoCtorPlugin.NeedsArgumentMethod has no public parameterless constructor")]
    [InlineData("ThrowingPlugin", "the constructor of ThrowingPlugin.ThrowingMethod threw InvalidOperationException: ThrowingMethod fails in its constructor")]
    [InlineData("StaticThrowingPlugin", "the static initializer of StaticThrowingPlugin.StaticThrowingMethod threw InvalidOperationException: StaticThrowingMethod fails in its static constructor")]
    public void BadPluginGivesOneDiagnosticAndGoodPluginStillLoads(string project, string reason)
    {
        using var folder = new PluginFolder();
        folder.AddPlugin("GoodPlugin");
        var bad = folder.AddPlugin(project);

        var catalog = LoadFolder(folder);

        Assert.Equal("nearest-mean", Assert.Single(catalog.Methods).Name);
        var diagnostic = Assert.Single(catalog.Diagnostics);
        Assert.Equal(bad, diagnostic.Path);
        Assert.Contains(reason, diagnostic.Reason);
        Assert.StartsWith(bad + ": ", diagnostic.ToString());
    }

    // Contents are made inside the test: byte arrays as theory data would be serialised for test discovery.
    private static byte[] NotDotNet(string kind) => kind switch
    {
        "text" => Encoding.UTF8.GetBytes("this is not an assembly\n"),
        "native" => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "libcilbench_native.so")),
        _ => [],
    };

    [Theory]
    [InlineData("text")]
    [InlineData("native")]
    [InlineData("empty")]
    public void FileThatIsNotDotNetIsReportedWhereverItIsACandidate(string kind)
    {
        var content = NotDotNet(kind);
        using var folder = new PluginFolder();
        folder.AddPlugin("GoodPlugin");
        var inSubfolder = folder.AddFile($"{kind}/{kind}.dll", content);
        var flat = folder.AddFile($"{kind}-flat.dll", content);
        var named = folder.AddFile($"elsewhere/{kind}.dll", content);

        var catalog = PluginLoader.Load(new PluginSources { Directories = [folder.Root], Files = [named] });

        Assert.Equal("nearest-mean", Assert.Single(catalog.Methods).Name);
        Assert.Equal([flat, inSubfolder, named], catalog.Diagnostics.Select(d => d.Path));
        Assert.All(catalog.Diagnostics, d => Assert.StartsWith("not a .NET assembly", d.Reason));
    }

    [Fact]
    public void AssemblyWithoutAttributeIsSkippedInAFolderButReportedWhenNamed()
    {
        using var folder = new PluginFolder();
        var dependency = folder.AddPluginFlat("NoAttributePlugin");
        folder.AddPlugin("GoodPlugin");

        Assert.Empty(LoadFolder(folder).Diagnostics);

        var named = PluginLoader.Load(new PluginSources { Directories = [folder.Root], Files = [dependency] });
        Assert.Single(named.Methods);
        Assert.Equal(dependency, Assert.Single(named.Diagnostics).Path);
        Assert.Contains("not a CilBench method plugin", named.Diagnostics[0].Reason);
    }

    [Fact]
    public void SecondMethodWithTheSameNameIsRefusedNamingBothFiles()
    {
        using var first = new PluginFolder();
        using var second = new PluginFolder();
        var firstDll = first.AddPlugin("GoodPlugin");
        var secondDll = second.AddPlugin("GoodPlugin");

        var catalog = PluginLoader.Load(new PluginSources { Directories = [first.Root, second.Root] });

        Assert.Equal(firstDll, Assert.Single(catalog.Methods).Path);
        var diagnostic = Assert.Single(catalog.Diagnostics);
        Assert.Equal(secondDll, diagnostic.Path);
        Assert.Contains("'nearest-mean'", diagnostic.Reason);
        Assert.Contains(firstDll, diagnostic.Reason);
    }

    [Fact]
    public void FileReachedTwiceLoadsOnce()
    {
        using var folder = new PluginFolder();
        var dll = folder.AddPlugin("GoodPlugin");

        var catalog = PluginLoader.Load(new PluginSources
        {
            DefaultDirectory = folder.Root, Directories = [folder.Root], Files = [dll],
        });

        Assert.Empty(catalog.Diagnostics);
        Assert.Single(catalog.Methods);
    }

    [Fact]
    public void MissingOrEmptyExtraSourcesAreReportedButMissingDefaultFolderIsNot()
    {
        using var empty = new PluginFolder();
        var missingDirectory = Path.Combine(empty.Root, "no-such-dir");
        var missingFile = Path.Combine(empty.Root, "no-such.dll");

        var catalog = PluginLoader.Load(new PluginSources
        {
            DefaultDirectory = missingDirectory, Directories = [missingDirectory, empty.Root], Files = [missingFile],
        });

        Assert.Empty(catalog.Methods);
        Assert.Collection(catalog.Diagnostics,
            d => Assert.Equal($"{missingDirectory}: plugin directory not found", d.ToString()),
            d => Assert.StartsWith($"{empty.Root}: no plugin found", d.ToString()),
            d => Assert.Equal($"{missingFile}: file not found", d.ToString()));
    }

    [Fact]
    public void FindIgnoresCaseAndListsWhatIsAvailableWhenNotFound()
    {
        using var folder = new PluginFolder();
        folder.AddPlugin("GoodPlugin");
        var bad = folder.AddPlugin("ThrowingPlugin");
        var catalog = LoadFolder(folder);

        Assert.Same(catalog.Methods[0], catalog.Find("Nearest-Mean"));
        var e = Assert.Throws<KeyNotFoundException>(() => catalog.Find("icarl"));
        Assert.Contains("no method named 'icarl'; available: nearest-mean", e.Message);
        Assert.Contains(bad, e.Message);
    }

    [Fact]
    public void HostSourcesUseThePluginsFolderBesideTheExecutable()
    {
        var sources = PluginSources.ForHost(["extra"], ["one.dll"]);

        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "plugins"), sources.DefaultDirectory);
        Assert.Equal(["extra"], sources.Directories);
        Assert.Equal(["one.dll"], sources.Files);
    }
}
