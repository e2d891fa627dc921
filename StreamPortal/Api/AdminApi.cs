using StreamPortal.Auth;
using StreamPortal.WcsApi;

namespace StreamPortal.Api;

public static class AdminApi
{
    /// <summary>/api: every surface of the admin REST API, behind the cookie or an X-Api-Key.</summary>
    public static RouteGroupBuilder MapAdminApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api").RequireAuthorization(PortalRoles.CanView).DisableAntiforgery();
        api.MapEventsApi();
        api.MapStreamsApi();
        api.MapSessionsApi();
        api.MapAnomaliesApi();   // Anomalies/: lifecycle anomalies
        api.MapRulesApi();
        api.MapConnectPoliciesApi();
        api.MapBackupsApi();
        api.MapExportApi();      // Export/: /events/export (before /events/{id} by its literal segment)
        api.MapReplayApi();      // Replay/: POST .../replay
        api.MapBundlesApi();     // Export/: bug-report bundles, export and import
        api.MapSimulationsApi(); // Simulator/: WCS traffic simulations
        api.MapWcsApi();         // WcsApi/: comparison with WCS's own streams, WCS timings, shadow-auth counts
        return api;
    }
}
