using System.ComponentModel;
using Microsoft.OpenApi;
using StreamPortal.Api;

namespace StreamPortal.Hooks;

/// <summary>
/// The hook endpoint in the OpenAPI document: endpoint metadata and one operation transformer, read only when the
/// document is generated. Nothing here runs for a hook (no Accepts: that would make routing check the content type).
/// </summary>
internal static class HookApiDescription
{
    public const string Tag = "WCS hooks";

    public static RouteHandlerBuilder DescribeHook(this RouteHandlerBuilder hook) => hook
        .WithTags(Tag)
        .WithSummary("Any WCS REST hook (connect, publishStream, StreamStatusEvent... or an unknown method)")
        .WithDescription(
            "Stored durably before it is answered. Answered 200 with the body mirrored byte for byte (unknown fields and key " +
            "order kept) unless a response rule decides otherwise; a connect answer may also carry the app's restClientConfig. " +
            "Bad input is stored as a rejected event and answered with problem JSON carrying its eventId.")
        .WithJsonBody<WcsHookBody>("The WCS hook body: a JSON object. The fields below are the ones the portal reads; any other is kept.", open: true)
        .Produces<WcsHookBody>(StatusCodes.Status200OK, "application/json")
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status408RequestTimeout)
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
        .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
        .AddOpenApiOperationTransformer((operation, _, _) =>
        {
            Describe(operation, "200", "The body mirrored (or a rule's answer: a rule may also choose any other status, body and headers).");
            Describe(operation, "400", "Not a JSON object, not UTF-8, a body that broke off, or a known field of the wrong type (every one listed).");
            Describe(operation, "401", "Missing or wrong HTTP Basic credentials for an app that has them (with WWW-Authenticate).");
            Describe(operation, "403", "Missing or wrong 'Authorization: WCS <hex HMAC-MD5 of the body>' signature.");
            Describe(operation, "408", "The body arrived slower than StreamPortal:Server:MinRequestBodyBytesPerSecond.");
            Describe(operation, "413", "The body is over StreamPortal:Hooks:MaxBodyBytes; its first 64 KiB are stored.");
            Describe(operation, "415", "Content type other than application/json, or a charset other than UTF-8.");
            Describe(operation, "503", "Not stored (queue full or database unavailable): WCS sees an interaction error; Retry-After when it is passing.");
            return Task.CompletedTask;
        });

    private static void Describe(OpenApiOperation operation, string status, string description)
    {
        if (operation.Responses?.TryGetValue(status, out var response) == true && response is OpenApiResponse concrete)
            concrete.Description = description;
    }
}

/// <summary>The fields of a WCS hook body the portal reads (docs/wcs-hooks.md); every one optional, any other allowed.</summary>
internal sealed record WcsHookBody(
    [property: Description("WCS node that sent the hook.")] string? NodeId,
    [property: Description("The WCS application's key.")] string? AppKey,
    [property: Description("The client's WebSocket connection.")] string? SessionId,
    [property: Description("One stream instance (publisher or player).")] string? MediaSessionId,
    [property: Description("Stream name.")] string? Name,
    [property: Description("WCS status of the stream or connection.")] string? Status,
    [property: Description("Free-text detail WCS adds to a status.")] string? Info,
    [property: Description("true for a publisher, false for a player.")] bool? Published,
    bool? HasAudio,
    bool? HasVideo,
    bool? Record,
    int? Width,
    int? Height,
    long? Bitrate,
    string? MediaProvider,
    string? AudioCodec,
    string? VideoCodec,
    [property: Description("Page the client connected from (connect).")] string? Origin,
    string? ClientVersion,
    string? ClientOsVersion,
    string? ClientBrowserVersion,
    [property: Description("What the client sent as custom data (connect): any JSON.")] System.Text.Json.JsonElement? Custom);
