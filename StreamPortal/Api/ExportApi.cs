using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using StreamPortal.Export;

namespace StreamPortal.Api;

public static class ExportApi
{
    /// <summary>The header carrying the number of rows an export will have (counted before the first row is sent).</summary>
    public const string TotalCountHeader = "X-Total-Count";

    /// <summary>GET /api/events/export?format=ndjson|csv with every filter of GET /api/events (paging ignored).</summary>
    public static RouteGroupBuilder MapExportApi(this RouteGroupBuilder api)
    {
        // A literal segment: it wins over /events/{id}.
        api.MapGet("/events/export", ExportAsync).WithTags("Events");
        return api;
    }

    public static async Task<Results<PushStreamHttpResult, ValidationProblem>> ExportAsync(
        [AsParameters] EventListRequest request, [FromQuery] string? format, HttpContext http,
        EventExporter exporter, EventExportWriter writer, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, TimeProvider time, CancellationToken ct)
    {
        var errors = new QueryErrors();
        var kind = ExportFormats.Parse(format);
        if (kind is null) errors.Add("format", $"'{format}' is not ndjson or csv.");
        // Page and PageSize are the list's: an export has every row of the filter.
        var filter = request.ToFilter(errors);
        if (filter is null || kind is not { } chosen) return TypedResults.ValidationProblem(errors.ToDictionary(), title: "Invalid query");

        http.Response.Headers[TotalCountHeader] = (await exporter.CountAsync(filter, ct)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        http.Response.Headers.CacheControl = "no-store";
        var name = $"streamportal-events-{time.GetUtcNow():yyyyMMdd-HHmmss}.{ExportFormats.Extension(chosen)}";
        return TypedResults.Stream(
            stream => writer.WriteAsync(stream, filter, chosen, json.Value.SerializerOptions, http.RequestAborted),
            ExportFormats.ContentType(chosen), name);
    }
}
