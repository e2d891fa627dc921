namespace StreamPortal.Simulator;

public static class SimulatorServiceCollectionExtensions
{
    private const string HttpClientKey = "simulator";

    /// <summary>The traffic simulator's engine and in-memory runs (API: Api/SimulationsApi.cs; console: /simulator).</summary>
    public static IServiceCollection AddSimulator(this IServiceCollection services)
    {
        // Keyed and owned by the container, so that it is disposed with the host.
        services.AddKeyedSingleton(HttpClientKey, (_, _) => SimulationEngine.CreateHttpClient());
        services.AddSingleton(sp => new SimulationEngine(sp.GetRequiredKeyedService<HttpClient>(HttpClientKey), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<SimulationRuns>();
        services.AddSingleton<SelfHookUrl>();
        return services;
    }
}
