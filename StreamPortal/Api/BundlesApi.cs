using Microsoft.AspNetCore.Http.HttpResults;
using StreamPortal.Auth;
using StreamPortal.Export;

namespace StreamPortal.Api;

public static class BundlesApi
{
    /// <summary>
    /// GET /api/sessions/{sessionId}/bundle and /api/streams/{mediaSessionId}/bundle: a bug-report bundle (one JSON
    /// file); POST /api/bundles (admin): imports one. The GETs' literal last segment makes them win over the catch-all
    /// GET /api/streams/{**mediaSessionId} for ids without '/'.
    /// </summary>
    public static RouteGroupBuilder MapBundlesApi(this RouteGroupBuilder api)
    {
        api.MapGet("/sessions/{sessionId}/bundle", SessionBundleAsync).WithTags("Bundles");
        api.MapGet("/streams/{mediaSessionId}/bundle", StreamBundleAsync).WithTags("Bundles");
        api.MapPost("/bundles", ImportAsync).WithTags("Bundles").RequireAuthorization(PortalRoles.CanEdit);
        return api;
    }

    public static Task<Results<Ok<EventBundle>, ProblemHttpResult>> SessionBundleAsync(string sessionId, HttpContext http, BundleExporter bundles, CancellationToken ct)
    {
        var id = Uri.UnescapeDataString(sessionId);
        return BundleAsync(http, c => bundles.SessionAsync(id, c), $"No event has sessionId '{id}'.", ct);
    }

    public static Task<Results<Ok<EventBundle>, ProblemHttpResult>> StreamBundleAsync(string mediaSessionId, HttpContext http, BundleExporter bundles, CancellationToken ct)
    {
        var id = Uri.UnescapeDataString(mediaSessionId);
        return BundleAsync(http, c => bundles.StreamAsync(id, c), $"No event has mediaSessionId '{id}'.", ct);
    }

    private static async Task<Results<Ok<EventBundle>, ProblemHttpResult>> BundleAsync(
        HttpContext http, Func<CancellationToken, Task<EventBundle?>> build, string notFound, CancellationToken ct)
    {
        try
        {
            if (await build(ct) is not { } bundle) return TypedResults.Problem(statusCode: 404, title: "Nothing to bundle", detail: notFound);
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"streamportal-{bundle.Scope.Kind}-bundle-{bundle.Id}.json\"";
            return TypedResults.Ok(bundle);
        }
        catch (BundleTooLargeException ex)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Too many events for one bundle", detail: ex.Message);
        }
    }

    public static async Task<Results<Ok<BundleImportResult>, ValidationProblem, ProblemHttpResult>> ImportAsync(
        HttpRequest request, BundleImporter importer, CancellationToken ct)
    {
        if (!string.Equals(request.ContentType?.Split(';')[0].Trim(), "application/json", StringComparison.OrdinalIgnoreCase))
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported content type", detail: "Send the bundle as application/json.");
        var bytes = await ReadBoundedAsync(request, ct);
        if (bytes is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Bundle too large", detail: $"A bundle may have at most {BundleLimits.MaxBytes} bytes.");
        var parsed = BundleParsing.Parse(bytes);
        if (parsed.Bundle is not { } bundle)
            return parsed.Errors is { } errors
                ? TypedResults.ValidationProblem(errors, title: parsed.Title)
                : TypedResults.Problem(statusCode: 400, title: parsed.Title, detail: parsed.Detail);
        if (await importer.AlreadyImportedAsync(bundle.Id, ct))
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Bundle already imported",
                detail: $"Bundle {bundle.Id} was imported before; its events are marked importedFrom \"{bundle.Id}#<original id>\".");
        return TypedResults.Ok(await importer.ImportAsync(bundle, ct));
    }

    /// <returns>The body, or null when it is over <see cref="BundleLimits.MaxBytes"/>.</returns>
    private static async Task<byte[]?> ReadBoundedAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > BundleLimits.MaxBytes) return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + n > BundleLimits.MaxBytes) return null;
            buffer.Write(chunk, 0, n);
        }
        return buffer.ToArray();
    }
}
