namespace StreamPortal.Live;

public static class LiveEndpoints
{
    /// <summary>The live hub (<see cref="HooksHub.Path"/>); it requires a signed-in user or an API key itself.</summary>
    public static IEndpointRouteBuilder MapLive(this IEndpointRouteBuilder routes)
    {
        routes.MapHub<HooksHub>(HooksHub.Path);
        return routes;
    }
}
