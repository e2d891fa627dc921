using System.Text.Json;
using System.Text.Json.Serialization;

namespace StreamPortal.Hosting;

public static class PortalDefaultsServiceCollectionExtensions
{
    /// <summary>The logging category of ASP.NET Core's per-request diagnostics (request starting, finished).</summary>
    public const string HostingDiagnosticsCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";

    /// <summary>What every feature relies on: the clock, problem details, and the JSON shape of every HTTP answer.</summary>
    public static IServiceCollection AddPortalDefaults(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        // ASP.NET Core starts an Activity and a logging scope (two AsyncLocal writes) for every request whenever this
        // category logs at any level, even though at Warning it never writes a line: ~8 % of each hook's allocations
        // (bench/RESULTS.md, "Fifteenth session"). Its lines (request starting/finished) repeat what the events store
        // records; unhandled errors are logged by Kestrel's and the middleware's own categories.
        services.AddLogging(logging => logging.AddFilter(HostingDiagnosticsCategory, LogLevel.None));
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        });
        return services;
    }
}
