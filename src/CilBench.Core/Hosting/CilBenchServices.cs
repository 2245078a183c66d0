using CilBench.Core.Checks;
using CilBench.Core.Data;
using CilBench.Core.Evaluation;
using CilBench.Core.Protocols;
using CilBench.Core.Results;
using CilBench.Core.Runner;
using CilBench.Core.Scenario;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CilBench.Core.Hosting;

/// <summary>
/// Composes the harness's services. Each is registered with TryAdd, so a test or an embedding program can register
/// its own data source, transform, evaluator or result sink first and it replaces the default.
/// </summary>
public static class CilBenchServices
{
    public static IServiceCollection AddCilBench(this IServiceCollection services)
    {
        services.TryAddSingleton(DatasetCatalog.Default);
        services.TryAddSingleton<IDatasetSource, CatalogDatasetSource>();
        services.TryAddSingleton<IDatasetInfoSource>(sp => sp.GetRequiredService<IDatasetSource>());
        services.TryAddSingleton<ITransformFactory, AugmentationTransforms>();
        services.TryAddSingleton<Evaluator>();
        services.TryAddSingleton<IResultSink, JsonResultSink>();
        services.TryAddSingleton<ProtocolLoader>();
        services.TryAddSingleton<CellRunner>();
        services.TryAddSingleton<ContractChecker>();
        return services;
    }

    /// <summary>A service provider with the defaults, after <paramref name="configure"/> has registered any replacements.</summary>
    public static ServiceProvider Build(Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        configure?.Invoke(services);
        return services.AddCilBench().BuildServiceProvider();
    }
}
