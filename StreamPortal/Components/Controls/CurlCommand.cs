using StreamPortal.Data.Queries;

namespace StreamPortal.Components.Controls;

/// <summary>The curl command that replays a stored hook against this portal (credentials are never stored, so none are added).</summary>
public static class CurlCommand
{
    public static string For(EventDetail e, string baseUri, string routePrefix = "rest")
    {
        var url = baseUri.TrimEnd('/') + "/" + routePrefix.Trim('/') + "/" + Uri.EscapeDataString(e.App) + "/" + Uri.EscapeDataString(e.Method);
        var contentType = e.Headers.FirstOrDefault(h => h.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)).Value
                          ?? "application/json;charset=UTF-8";
        var body = e.BodyEncoding is null ? e.RawBody ?? "" : "";
        return $"curl -X POST {Quote(url)} -H {Quote("Content-Type: " + contentType)} --data-raw {Quote(body)}";
    }

    /// <summary>POSIX shell single quotes: nothing inside is interpreted; a quote becomes '\''.</summary>
    public static string Quote(string s) => "'" + s.Replace("'", "'\\''") + "'";
}
