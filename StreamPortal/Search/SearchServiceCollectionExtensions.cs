using StreamPortal.Hosting;

namespace StreamPortal.Search;

public static class SearchServiceCollectionExtensions
{
    /// <summary>The Events search index (SQLite): its background indexer and its lag.</summary>
    public static IServiceCollection AddSearch(this IServiceCollection services)
    {
        services.AddValidatedOptions<SearchOptions, ValidateSearchOptions>(SearchOptions.Section);
        services.AddSingleton<SearchStatus>();
        services.AddSingleton<SearchIndexer>();
        services.AddHostedService(sp => sp.GetRequiredService<SearchIndexer>());
        return services;
    }
}
