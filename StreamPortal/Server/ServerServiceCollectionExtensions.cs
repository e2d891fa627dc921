using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using StreamPortal.Hosting;

namespace StreamPortal.Server;

public static class ServerServiceCollectionExtensions
{
    /// <summary>Kestrel's connection, header and body-rate limits from StreamPortal:Server.</summary>
    public static IServiceCollection AddServerLimits(this IServiceCollection services)
    {
        services.AddValidatedOptions<ServerLimitsOptions, ValidateServerLimitsOptions>(ServerLimitsOptions.Section);
        services.AddTransient<IConfigureOptions<KestrelServerOptions>, ConfigureKestrelLimits>();
        return services;
    }
}
