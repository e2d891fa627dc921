using System.Text.Json;
using System.Text.Json.Serialization;

namespace StreamPortal.Hosting;

public static class PortalDefaultsServiceCollectionExtensions
{
    /// <summary>What every feature relies on: the clock, problem details, and the JSON shape of every HTTP answer.</summary>
    public static IServiceCollection AddPortalDefaults(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        });
        return services;
    }
}
